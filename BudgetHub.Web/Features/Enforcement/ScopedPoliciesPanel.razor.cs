using BudgetHub.Domain.Budgets;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Features.Budgets;
using Microsoft.AspNetCore.Components;

namespace BudgetHub.Web.Features.Enforcement;

/// <summary>
/// The tier templates (one limit for each user of a tier) or the per-user overrides of the account,
/// with this window's spend and calls, live.
/// </summary>
public partial class ScopedPoliciesPanel
{
    private IReadOnlyList<PolicyRecord> _policies = [];
    private IReadOnlyList<PolicyStanding>? _standings;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    [Inject]
    private IUsageMeter Meter { get; set; } = default!;

    [Inject]
    private UsageQueries Usage { get; set; } = default!;

    /// <summary><see cref="ScopeType.Tier"/> for tier templates, <see cref="ScopeType.User"/> for per-user overrides.</summary>
    [Parameter, EditorRequired]
    public ScopeType Scope { get; set; }

    private bool IsTiers => Scope == ScopeType.Tier;

    private PolicyPreset Preset => IsTiers ? PolicyPreset.TierTemplate : PolicyPreset.UserOverride;

    private string Title => IsTiers ? "Tier templates" : "Per-user overrides";

    private string Description => IsTiers
        ? "One limit per customer on a plan (free, pro…): each user of the tier gets the whole limit, not a share."
        : "A limit for one user id. It replaces that user's tier template entirely: raise a limit for one customer, or cap one below their tier.";

    private string NewText => IsTiers ? "New template" : "New override";

    private string EmptyText => IsTiers
        ? "No tier templates yet. Create one per tier (free, pro, enterprise…) and every user who sends that tier is held to it."
        : "No per-user overrides. Add one to give a user a different limit than their tier, or to limit a user without tier templates.";

    private string KeyHeader => IsTiers ? "Tier" : "User";

    private string SpendHeader => IsTiers ? "Total spend (period)" : "Spend (period)";

    private string CallsHeader => IsTiers ? "Total calls" : "Calls";

    private string TestId => IsTiers ? "tier-templates" : "user-overrides";

    protected override async Task OnAccountReadyAsync()
    {
        _zone = await Usage.ZoneOfAsync(AccountId);
        await ReloadAsync();
    }

    protected override async Task ReloadAsync()
    {
        var policies = await PolicyService.ListAsync(AccountId, PolicyKind.Usage);
        _policies = policies.Where(p => p.ScopeType == Scope).OrderBy(p => p.ScopeKey, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id).ToList();
        RefreshStandings();
    }

    protected override void RefreshStandings() => _standings = PolicyStandings.Of(Meter, AccountId, _policies);

    private static string RowClass(PolicyStanding standing, int index) => standing.Policy.Enabled ? "" : "bh-row-disabled";
}
