using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;

namespace BudgetHub.Domain.Budgets;

/// <summary>
/// An account's active usage policies, indexed by scope so that finding the ones that apply to a
/// subject costs a few dictionary lookups, not a scan (it runs on every event and every check).
/// </summary>
public sealed class PolicySet
{
    private static readonly IReadOnlyList<UsagePolicy> None = [];
    private readonly List<UsagePolicy> _account = [];
    private readonly Dictionary<string, List<UsagePolicy>> _teams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<UsagePolicy>> _bots = new(StringComparer.Ordinal);
    /// <summary>Tier labels match in any case: "Pro" in an event or a check is the tier of a "pro" template.</summary>
    private readonly Dictionary<string, List<UsagePolicy>> _tiers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<UsagePolicy>> _users = new(StringComparer.Ordinal);

    public static readonly PolicySet Empty = new([]);

    public PolicySet(IEnumerable<UsagePolicy> policies)
    {
        All = policies.Where(p => !p.IsInert).ToList();
        foreach (var policy in All)
        {
            var bucket = policy.Scope.Type switch
            {
                ScopeType.Account => _account,
                ScopeType.Team => ListOf(_teams, policy.Scope.Key),
                ScopeType.Bot => ListOf(_bots, policy.Scope.Key),
                ScopeType.Tier => ListOf(_tiers, policy.Scope.Key),
                ScopeType.User => ListOf(_users, policy.Scope.Key),
                _ => throw new DomainException("Unknown scope."),
            };
            bucket.Add(policy);
        }
    }

    /// <summary>Every policy that counts (enabled, with a limit).</summary>
    public IReadOnlyList<UsagePolicy> All { get; }

    public bool IsEmpty => All.Count == 0;

    /// <summary>
    /// The policies that apply to <paramref name="subject"/> with the counter each reads: the
    /// account's, its team's, the bot's, and the user's override — or, when the user has none,
    /// their tier's template. With <paramref name="matchFilters"/>, a policy filtered to a model or
    /// category applies only to usage of that model or category.
    /// </summary>
    public List<(UsagePolicy Policy, ScopeInstance Instance)> For(EnforcementSubject subject, bool matchFilters) =>
        For(subject, matchFilters, []);

    /// <summary>
    /// <see cref="For(EnforcementSubject, bool)"/> into a list the caller reuses (cleared first):
    /// the writer asks for every event.
    /// </summary>
    public List<(UsagePolicy Policy, ScopeInstance Instance)> For(EnforcementSubject subject, bool matchFilters, List<(UsagePolicy Policy, ScopeInstance Instance)> applicable)
    {
        applicable.Clear();
        if (IsEmpty)
        {
            return applicable;
        }

        Add(applicable, _account, ScopeInstance.Account, subject, matchFilters);
        if (subject.Team is not null)
        {
            Add(applicable, Of(_teams, subject.Team), new ScopeInstance(ScopeType.Team, subject.Team), subject, matchFilters);
        }

        Add(applicable, Of(_bots, subject.BotId), new ScopeInstance(ScopeType.Bot, subject.BotId), subject, matchFilters);
        if (subject.UserId is not null)
        {
            var user = new ScopeInstance(ScopeType.User, subject.UserId);
            var overrides = Of(_users, subject.UserId);
            Add(applicable, overrides.Count > 0 || subject.Tier is null ? overrides : Of(_tiers, subject.Tier), user, subject, matchFilters);
        }

        return applicable;
    }

    /// <summary>
    /// Whether <paramref name="policy"/> counts and blocks <paramref name="instance"/>: the instance of its own
    /// scope — or, for a tier template, any end user (the set does not know users' tiers) without an
    /// override of their own, which replaces the template.
    /// </summary>
    public bool AppliesTo(UsagePolicy policy, ScopeInstance instance) => policy.Scope.Type == ScopeType.Tier
        ? instance.Type == ScopeType.User && !_users.ContainsKey(instance.Key)
        : instance.Type == policy.Scope.Type && instance.Key == policy.Scope.Key;

    private static void Add(List<(UsagePolicy, ScopeInstance)> applicable, IReadOnlyList<UsagePolicy> policies, ScopeInstance instance, EnforcementSubject subject, bool matchFilters)
    {
        // By index: a foreach through the interface would box the list's enumerator on every event and check.
        for (var i = 0; i < policies.Count; i++)
        {
            if (!matchFilters || policies[i].Filter.Matches(subject.Model, subject.Category))
            {
                applicable.Add((policies[i], instance));
            }
        }
    }

    private static List<UsagePolicy> ListOf(Dictionary<string, List<UsagePolicy>> index, string key)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        return list;
    }

    private static IReadOnlyList<UsagePolicy> Of(Dictionary<string, List<UsagePolicy>> index, string key) =>
        index.TryGetValue(key, out var list) ? list : None;
}
