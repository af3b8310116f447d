using MudBlazor;

namespace BudgetHub.Web.Components.Shared;

/// <summary>
/// A readable vertical axis for a bar chart: about five round ticks whatever the scale. Small
/// amounts of money are charted in cents (the chart's ticks are whole units).
/// </summary>
public static class ChartAxis
{
    /// <summary>Options and values for a chart of US dollars.</summary>
    public static (BarChartOptions Options, double[] Values, string Unit) Dollars(IReadOnlyList<double> dollars)
    {
        var inCents = dollars.DefaultIfEmpty(0).Max() < 5;
        var values = inCents ? dollars.Select(d => Math.Round(d * 100, 2)).ToArray() : dollars.ToArray();
        var options = Options(values, inCents ? v => $"{v:0}¢" : v => $"${v:N0}");
        return (options, values, inCents ? "US cents" : "USD");
    }

    public static BarChartOptions Counts(IReadOnlyList<double> values) => Options(values, Format.AxisCount);

    private static BarChartOptions Options(IReadOnlyList<double> values, Func<double, string> label) => new()
    {
        ShowLegend = false,
        YAxisTicks = (int)Math.Min(int.MaxValue, NiceStep(values.DefaultIfEmpty(0).Max() / 5)),
        MaxNumYAxisTicks = 8,
        YAxisToStringFunc = label,
    };

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
