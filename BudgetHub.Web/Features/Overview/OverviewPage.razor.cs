using System.Globalization;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Enforcement;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Components.Shared;
using BudgetHub.Web.Features.Usage;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BudgetHub.Web.Features.Overview;

public sealed partial class OverviewPage
{
    private BarChartOptions _chartOptions = new();
    private UsageSnapshot? _snapshot;
    private List<ChartSeries<double>> _dailySeries = [];
    private string[] _dailyLabels = [];
    private List<PolicyEvaluation> _standings = [];
    private List<UsageGroup> _topBots = [];
    private List<UsageGroup> _topModels = [];
    private long _monthCost;
    private IReadOnlyList<EnforcementLogRow> _log = [];

    [Inject]
    private UsageQueries Queries { get; set; } = default!;

    [Inject]
    private IUsageMeter Meter { get; set; } = default!;

    [Inject]
    private EnforcementLogQueries Log { get; set; } = default!;

    /// <summary>
    /// How often live changes reload the page at most. A reload runs about ten queries and three times has the meter's
    /// writer store its counters; under steady usage the counters change at every flush of the notifier, four times
    /// a second. Measured with a batch of events every 50 ms and five Overviews open: 4 reloads a second per page
    /// (17-37 ms each) and 320-375 forced counter stores in the run; with this, 1 a second and 110-120.
    /// </summary>
    private static readonly TimeSpan LiveEvery = TimeSpan.FromSeconds(1);

    /// <summary>The number of the latest load started; see <see cref="LoadAsync"/>.</summary>
    private int _latestLoad;

    protected override Task OnAccountReadyAsync() => LoadAsync();

    private async Task OnLiveChangeAsync(LiveTopics topics) => await LoadAsync();

    /// <summary>Loads may overlap (the first one and a live change): only the latest started shows what it read.</summary>
    private async Task LoadAsync()
    {
        var load = ++_latestLoad;
        var now = Clock.GetUtcNow();
        var zone = await Queries.ZoneOfAsync(AccountId);
        var snapshot = Queries.Snapshot(AccountId, Dimension.Account, "");
        // Tier templates limit each user; their tier-wide totals are shown on the Enforcement page instead.
        var standings = Meter.Standings(AccountId).Where(s => s.Policy.Scope.Type != ScopeType.Tier).OrderByDescending(s => s.Percent).ToList();

        var today = CalendarWindows.Containing(CalendarUnit.Day, now, zone);
        var range = new UsageRange(today.Start.AddDays(-13), today.End, Granularity.Day);
        var daily = await Queries.SummarizeAsync(AccountId, range.From, range.To, Dimension.Account, Granularity.Day);
        var month = CalendarWindows.Containing(CalendarUnit.Month, now, zone);
        var bots = await Queries.SummarizeAsync(AccountId, month.Start, month.End, Dimension.Bot, Granularity.Day);
        var models = await Queries.SummarizeAsync(AccountId, month.Start, month.End, Dimension.Model, Granularity.Day);
        var log = await Log.ListAsync(AccountId, null, null, null, 6, null);
        if (load != _latestLoad)
        {
            return;
        }

        (_snapshot, _standings, _log) = (snapshot, standings, log.Rows);
        var byDay = daily.Series.ToDictionary(p => p.Start, p => p.Amounts.CostMicros);
        var days = range.Buckets(zone).ToList();
        (_chartOptions, var values) = ChartAxis.Dollars(days.Select(d => (double)Money.ToUsd(byDay.GetValueOrDefault(d))).ToList());
        _dailySeries = [new ChartSeries<double> { Name = "Cost", Data = values }];
        _dailyLabels = DayLabels(days, zone);
        _topBots = bots.Groups.Take(5).ToList();
        _monthCost = bots.Totals.CostMicros;
        _topModels = models.Groups.Take(5).ToList();
    }

    /// <summary>Every third day counted back from the last (today), so today is always labelled and five labels fit a phone.</summary>
    internal static string[] DayLabels(IReadOnlyList<DateTimeOffset> days, TimeZoneInfo zone) =>
        days.Select((d, i) => (days.Count - 1 - i) % 3 == 0 ? TimeZoneInfo.ConvertTime(d, zone).ToString("MMM d", CultureInfo.InvariantCulture) : "").ToArray();
}
