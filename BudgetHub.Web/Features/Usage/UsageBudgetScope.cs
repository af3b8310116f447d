using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Web.Features.Budgets;

namespace BudgetHub.Web.Features.Usage;

/// <summary>
/// Which budgets the Usage page shows for what it is narrowed to: the whole organization's; a bot's own, its team's
/// and the organization's; a team's or a user's own and the organization's; for a model, category, tier or provider, the
/// organization's that count its usage (not one filtered to another model or category).
/// </summary>
internal sealed record UsageBudgetScope(EnforcementSubject Subject, string Caption, string EmptyText, PolicyFilter Selection)
{
    private static readonly EnforcementSubject WholeAccount = new("", null, null, null);

    /// <param name="one">What one of <paramref name="dimension"/> is called: Bot, Team, Model, ...</param>
    /// <param name="teamOfBot">The selected bot's team, whose budgets count the bot too.</param>
    public static UsageBudgetScope Of(Dimension dimension, string one, string key, string? teamOfBot)
    {
        var name = $"{one.ToLowerInvariant()} {key}";
        return (dimension, key) switch
        {
            (Dimension.Account, _) => new(WholeAccount, "Budgets of the whole organization.", "No budget covers the whole organization.", PolicyFilter.None),
            (_, "") => new(WholeAccount, $"Budgets of the whole organization, which count the usage of {UsageGroupName.NoneText(one).ToLowerInvariant()} too.",
                "No budget covers the whole organization.", PolicyFilter.None),
            (Dimension.Bot, _) => new(new(key, teamOfBot, null, null),
                teamOfBot is null ? $"Budgets that count {name}: its own and the whole organization's." : $"Budgets that count {name}: its own, team {teamOfBot}'s and the whole organization's.",
                $"No budget covers {name}.", PolicyFilter.None),
            (Dimension.Team, _) => new(new("", key, null, null), $"Budgets that count {name}: its own and the whole organization's.", $"No budget covers {name}.", PolicyFilter.None),
            (Dimension.User, _) => new(new("", null, key, null), $"Budgets that count {name}: their own override and the whole organization's.", $"No budget covers {name}.", PolicyFilter.None),
            _ => new(WholeAccount, $"Budgets of the whole organization, which count {name}'s usage too.", $"No budget of the whole organization counts {name}.",
                new PolicyFilter(dimension == Dimension.Model ? key : null, dimension == Dimension.Category ? key : null)),
        };
    }

    /// <summary>The covering budgets from the meter's memory, the selection's own first, then the closest to their limit.</summary>
    public List<PolicyStanding> Standings(IUsageMeter meter, long accountId, IEnumerable<PolicyRecord> records) =>
        PolicyStandings.Covering(meter, accountId, records, Subject)
            .Where(s => CountsSelection(s.Policy.Filter))
            .OrderByDescending(s => s.Policy.Scope.Type)
            .ThenByDescending(s => s.Percent)
            .ToList();

    /// <summary>A budget filtered to another model or category than the one selected counts none of its usage.</summary>
    private bool CountsSelection(PolicyFilter filter) =>
        (Selection.Model is null || filter.Model is null || ModelNames.Same(filter.Model, Selection.Model))
        && (Selection.Category is null || filter.Category is null || string.Equals(filter.Category, Selection.Category, StringComparison.OrdinalIgnoreCase));
}
