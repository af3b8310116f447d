using BudgetHub.Domain.Budgets;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;
using Microsoft.AspNetCore.Components;

namespace BudgetHub.Web.Features.Budgets;

/// <summary>/budgets: every usage policy of the account with where it stands this window, live.</summary>
public partial class BudgetsPage
{
    private IReadOnlyList<PolicyRecord> _policies = [];
    private IReadOnlyList<PolicyStanding>? _standings;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    [Inject]
    private IUsageMeter Meter { get; set; } = default!;

    [Inject]
    private UsageQueries Usage { get; set; } = default!;

    private BudgetSummary _summary = BudgetSummary.Of([]);

    protected override async Task OnAccountReadyAsync()
    {
        _zone = await Usage.ZoneOfAsync(AccountId);
        await ReloadAsync();
    }

    protected override async Task ReloadAsync()
    {
        _policies = await PolicyService.ListAsync(AccountId, PolicyKind.Usage);
        RefreshStandings();
    }

    protected override void RefreshStandings()
    {
        _standings = PolicyStandings.Of(Meter, AccountId, _policies);
        _summary = BudgetSummary.Of(_standings);
    }

    private static string RowClass(PolicyStanding standing, int index) => standing.Policy.Enabled ? "" : "bh-row-disabled";
}

/// <summary>The four numbers at the top of the Budgets page.</summary>
internal sealed record BudgetSummary(int Total, int Enabled, int OverLimit, int NearLimit, int HardLimits)
{
    public static BudgetSummary Of(IReadOnlyList<PolicyStanding> standings) => new(
        standings.Count,
        standings.Count(s => s.Policy.Enabled),
        standings.Count(s => s.Policy.Enabled && s.IsOverLimit),
        standings.Count(s => s.Policy.Enabled && s.IsNearLimit),
        standings.Count(s => s.Policy.Enabled && s.Policy.Action == PolicyAction.Block));
}
