using System.Globalization;
using System.Text;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Components.Shared;
using BudgetHub.Web.Features.Budgets;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace BudgetHub.Web.Features.Usage;

public enum ChartMetric
{
    Cost,
    Tokens,
}

/// <summary>One bar of the chart: a bucket's cost (USD) and tokens.</summary>
public sealed record ChartPoint(DateTimeOffset Start, decimal Cost, long Tokens);

public sealed partial class UsagePage
{
    internal static readonly (string Label, string One, Dimension Dimension)[] Groups =
    [
        ("Bots", "Bot", Dimension.Bot), ("Models", "Model", Dimension.Model), ("Teams", "Team", Dimension.Team), ("Users", "User", Dimension.User),
        ("Tiers", "Tier", Dimension.Tier), ("Categories", "Category", Dimension.Category), ("Providers", "Provider", Dimension.Provider),
    ];

    /// <summary>One bot, model, team, ... that the stat cards and the chart show on their own.</summary>
    private sealed record Focus(Dimension Dimension, string One, string Key);

    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private UsageSnapshot? _snapshot;
    private UsageSummary? _summary;

    /// <summary>The selected bot's (team's, ...) own totals and series: what the cards and the chart show, and what a focused export holds.</summary>
    private UsageSummary? _focusSummary;
    private List<ChartPoint>? _series;
    private long _unpriced;
    private RangeChoice _range = RangeChoice.Last7Days;
    private CustomDates _custom = CustomDates.None;
    private ChartMetric _chartMetric = ChartMetric.Cost;
    private int _groupIndex;
    private string? _filter;
    private Focus? _focus;
    private UsageBudgetScope _budgetScope = UsageBudgetScope.Of(Dimension.Account, "", "", null);
    private List<PolicyStanding>? _budgets;

    /// <summary>The number of the latest load started; see <see cref="LoadAsync"/>.</summary>
    private int _latestLoad;

    [Inject]
    private UsageQueries Queries { get; set; } = default!;

    [Inject]
    private PolicyService PolicyRecords { get; set; } = default!;

    [Inject]
    private IUsageMeter Meter { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private UsageRange Range => UsageRange.Of(_range, Clock.GetUtcNow(), _zone, _custom.Start, _custom.End);

    /// <summary>False while the Custom range lacks a date or ends before it starts: the page asks for dates instead of showing a chart.</summary>
    private bool RangeReady => _range != RangeChoice.Custom || _custom.IsComplete;

    private DateTime TodayInZone => TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), _zone).Date;

    private string Subtitle => $"Times in {_zone.Id}. Updates live as events arrive.";

    private BarChartOptions _chartOptions = new();
    private List<ChartSeries<double>> _chartSeries = [];

    private string ChartTitle => (_chartMetric == ChartMetric.Cost ? "Spend (USD)" : "Tokens") + (Range.Interval == Granularity.Hour ? " per hour" : " per day")
        + (_focus is { } focus ? $" · {focus.One.ToLowerInvariant()} {focus.Key}" : "");

    private string? SelectedKey => _focus is { } focus && focus.Dimension == Groups[_groupIndex].Dimension ? focus.Key : null;

    private ChartMetric Metric
    {
        get => _chartMetric;
        set
        {
            _chartMetric = value;
            BuildChart();
        }
    }

    private void BuildChart()
    {
        var points = _series ?? [];
        if (_chartMetric == ChartMetric.Cost)
        {
            (_chartOptions, var values) = ChartAxis.Dollars(points.Select(p => (double)p.Cost).ToList());
            _chartSeries = [new ChartSeries<double> { Name = "Cost", Data = values }];
        }
        else
        {
            var values = points.Select(p => (double)p.Tokens).ToArray();
            _chartOptions = ChartAxis.Counts(values);
            _chartSeries = [new ChartSeries<double> { Name = "Tokens", Data = values }];
        }
    }

    /// <summary>The page's breakpoint: a phone has room for fewer labels under the chart.</summary>
    private Breakpoint _breakpoint = Breakpoint.Always;

    private string[] ChartLabels => ChartAxis.Thin((_series ?? []).Select(p => LabelOf(p.Start)).ToList(), ChartAxis.MaxTimeLabels(_breakpoint));

    private void OnBreakpointChanged(Breakpoint breakpoint) => _breakpoint = breakpoint;

    protected override async Task OnAccountReadyAsync()
    {
        _zone = await Queries.ZoneOfAsync(AccountId);
        await LoadAsync();
    }

    private async Task OnLiveChangeAsync(LiveTopics topics) => await LoadAsync();

    private async Task OnRangeChangedAsync(RangeChoice range)
    {
        _range = range;
        await LoadAsync();
    }

    private async Task OnCustomDatesChangedAsync(CustomDates dates)
    {
        _custom = dates;
        await LoadAsync();
    }

    private async Task OnGroupChangedAsync(int index)
    {
        _groupIndex = index;
        await LoadAsync();
    }

    /// <summary>Shows one group on its own in the cards and the chart; selecting it again shows everything.</summary>
    private async Task OnSelectAsync(UsageGroup group)
    {
        var tab = Groups[_groupIndex];
        _focus = SelectedKey == group.Key ? null : new Focus(tab.Dimension, tab.One, group.Key);
        await LoadAsync();
    }

    private async Task ClearFocusAsync()
    {
        _focus = null;
        await LoadAsync();
    }

    /// <summary>
    /// Reads what the page shows for the range, tab and selection as they are when it starts. Loads overlap (a live
    /// update while a range is picked): only the latest started shows what it read, so one that started with the old
    /// range and finishes last is dropped instead of showing that range's data under the new one's title.
    /// </summary>
    private async Task LoadAsync()
    {
        var load = ++_latestLoad;
        var now = Clock.GetUtcNow();
        var (dimension, key) = _focus is { } focus ? (focus.Dimension, focus.Key) : (Dimension.Account, "");
        var groupBy = Groups[_groupIndex].Dimension;
        UsageRange? range = RangeReady ? Range : null;
        var snapshot = Queries.Snapshot(AccountId, dimension, key);
        var budgetScope = UsageBudgetScope.Of(dimension, _focus?.One ?? "", key, dimension == Dimension.Bot ? Meter.TeamOf(AccountId, key) : null);
        var budgets = budgetScope.Standings(Meter, AccountId, await PolicyRecords.ListAsync(AccountId, PolicyKind.Usage));
        var unpriced = await Queries.UnpricedThisMonthAsync(AccountId, now);
        (UsageSummary? focusSummary, UsageSummary? summary) = range is null ? (null, null)
            : (await Queries.SummarizeAsync(AccountId, range.From, range.To, dimension, range.Interval, onlyKey: key),
                await Queries.SummarizeAsync(AccountId, range.From, range.To, groupBy, range.Interval));
        if (load != _latestLoad)
        {
            return;
        }

        (_snapshot, _budgetScope, _budgets, _unpriced, _focusSummary, _summary) = (snapshot, budgetScope, budgets, unpriced, focusSummary, summary);
        _series = range is null ? null : SeriesOf(range, focusSummary!);
        BuildChart();
    }

    /// <summary>One point per hour or day of the range, zero where nothing was counted.</summary>
    private List<ChartPoint> SeriesOf(UsageRange range, UsageSummary summary)
    {
        var byStart = summary.Series.ToDictionary(p => p.Start, p => p.Amounts);
        return range.Buckets(_zone)
            .Select(start => byStart.TryGetValue(start, out var a) ? new ChartPoint(start, Money.ToUsd(a.CostMicros), a.Tokens) : new ChartPoint(start, 0, 0))
            .ToList();
    }

    /// <summary>Hours as 14:00, days as Nov 23.</summary>
    private string LabelOf(DateTimeOffset start)
    {
        var local = TimeZoneInfo.ConvertTime(start, _zone);
        return Range.Interval == Granularity.Hour
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("MMM d", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The breakdown of the open tab, or with a name selected only that name's row, of its own kind (bot "support",
    /// not also a team or user called support, whichever tab is open), then the series the chart shows.
    /// </summary>
    private async Task ExportAsync()
    {
        if (_summary is null || _series is null || _focusSummary is null)
        {
            return;
        }

        var (one, summary, what) = _focus is { } f
            ? (f.One, _focusSummary, $"{f.One.ToLowerInvariant()}-{FileNamePart(f.Key)}")
            : (Groups[_groupIndex].One, _summary, Groups[_groupIndex].Label.ToLowerInvariant());
        var csv = UsageCsv.Build(one, summary, _series, _zone);
        var name = $"budgethub-usage-{what}-{TimeZoneInfo.ConvertTime(Range.From, _zone):yyyyMMdd}-{TimeZoneInfo.ConvertTime(Range.To.AddSeconds(-1), _zone):yyyyMMdd}.csv";
        await JS.InvokeVoidAsync("budgetHub.download", name, "text/csv", csv);
    }

    private static string FileNamePart(string key) =>
        new(key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').Take(60).ToArray());
}

/// <summary>What the Usage page shows, as CSV: the breakdown and its total, then the time series.</summary>
internal static class UsageCsv
{
    /// <param name="groupName">What one row of the breakdown is: Bot, Model, Category, ...</param>
    public static string Build(string groupName, UsageSummary summary, IReadOnlyList<ChartPoint> series, TimeZoneInfo zone)
    {
        var csv = new StringBuilder();
        csv.AppendLine(CultureInfo.InvariantCulture, $"{groupName.ToLowerInvariant()},tokens,cost_usd,calls,messages,conversations,errors,unpriced_calls");
        foreach (var group in summary.Groups)
        {
            AppendAmounts(csv, group.IsNone ? UsageGroupName.NoneText(groupName) : group.Key, group.Amounts, group.UnpricedCalls);
        }

        AppendAmounts(csv, "Total", summary.Totals, summary.UnpricedCalls);
        csv.AppendLine();
        csv.AppendLine("bucket_start,tokens,cost_usd");
        foreach (var point in series)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{TimeZoneInfo.ConvertTime(point.Start, zone):yyyy-MM-ddTHH:mm:sszzz},{point.Tokens},{point.Cost}");
        }

        return csv.ToString();
    }

    private static void AppendAmounts(StringBuilder csv, string name, UsageAmounts a, long unpricedCalls) =>
        csv.AppendLine(CultureInfo.InvariantCulture, $"{Escape(name)},{a.Tokens},{Money.ToUsd(a.CostMicros)},{a.Calls},{a.Messages},{a.Conversations},{a.Errors},{unpricedCalls}");

    /// <summary>Quotes a value when needed and defuses spreadsheet formulas.</summary>
    public static string Escape(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
