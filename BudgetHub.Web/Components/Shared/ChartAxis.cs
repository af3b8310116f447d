using MudBlazor;

namespace BudgetHub.Web.Components.Shared;

/// <summary>
/// Readable axes for a bar chart: about five round ticks whatever the scale (small amounts of money
/// are charted in cents, as the chart's ticks are whole units, and labelled in dollars), and no more
/// time labels than fit its width.
/// </summary>
public static class ChartAxis
{
    /// <summary>Options and values for a chart of US dollars.</summary>
    public static (BarChartOptions Options, double[] Values) Dollars(IReadOnlyList<double> dollars)
    {
        var inCents = dollars.DefaultIfEmpty(0).Max() < 5;
        var values = inCents ? dollars.Select(d => Math.Round(d * 100, 2)).ToArray() : dollars.ToArray();
        var options = Options(values, inCents ? cents => (cents / 100).ToString("$0.00", Format.Us) : v => v.ToString("$#,##0", Format.Us));
        return (options, values);
    }

    public static BarChartOptions Counts(IReadOnlyList<double> values) => Options(values, Format.AxisCount);

    private static BarChartOptions Options(IReadOnlyList<double> values, Func<double, string> label) => new()
    {
        ShowLegend = false,
        YAxisTicks = (int)Math.Min(int.MaxValue, NiceStep(values.DefaultIfEmpty(0).Max() / 5)),
        MaxNumYAxisTicks = 8,
        YAxisToStringFunc = label,
    };

    /// <summary>
    /// How many date or hour labels ("Nov 23", "14:00": about 40px each, with room between them) fit under a chart
    /// as wide as the page at this breakpoint. Until the browser has told the breakpoint (<see cref="Breakpoint.Always"/>), as on a wide screen.
    /// </summary>
    public static int MaxTimeLabels(Breakpoint breakpoint) => breakpoint switch
    {
        Breakpoint.Xs => 5,
        Breakpoint.Sm => 8,
        _ => 12,
    };

    /// <summary>Keeps the first label and every step-th after it, at most <paramref name="maxLabels"/> of them; the others are blank.</summary>
    public static string[] Thin(IReadOnlyList<string> labels, int maxLabels)
    {
        var step = Math.Max(1, (int)Math.Ceiling(labels.Count / (double)Math.Max(1, maxLabels)));
        return labels.Select((label, i) => i % step == 0 ? label : "").ToArray();
    }

    /// <summary>1, 2 or 5 times a power of ten, at least 1.</summary>
    public static double NiceStep(double rough)
    {
        if (rough <= 1)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }
}
