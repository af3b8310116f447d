using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Domain.Budgets;

/// <summary>A scope's key: a team, bot, tier or user id; empty for the account.</summary>
public readonly record struct PolicyScope(ScopeType Type, string Key)
{
    public static readonly PolicyScope Account = new(ScopeType.Account, "");

    /// <summary>Whether both cover the same: a tier's label in any case (as <see cref="PolicySet"/> matches it), any other key exactly.</summary>
    public bool SameAs(PolicyScope other) =>
        Type == other.Type && string.Equals(Key, other.Key, Type == ScopeType.Tier ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}

/// <summary>Narrows a policy to one model and/or one billing category.</summary>
public readonly record struct PolicyFilter(string? Model, string? Category)
{
    public static PolicyFilter None => default;

    public bool IsEmpty => Model is null && Category is null;

    public bool Matches(string? model, string? category) =>
        (Model is null || ModelNames.Same(Model, model))
        && (Category is null || string.Equals(Category, category, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// One usage rule: count <see cref="Metric"/> for <see cref="Scope"/> in <see cref="Window"/> against
/// <see cref="Limit"/> (0 = no limit). Thresholds are the alert percentages below 100. A block lasts
/// <see cref="BlockFor"/>, else until a person resumes what it blocks (<see cref="BlockUntilResumed"/>),
/// else until the window resets.
/// </summary>
public sealed record UsagePolicy(
    long Id,
    string Name,
    PolicyScope Scope,
    Metric Metric,
    long Limit,
    WindowSpec Window,
    IReadOnlyList<int> Thresholds,
    PolicyAction Action,
    TimeSpan? BlockFor,
    PolicyFilter Filter,
    bool Enabled = true,
    bool BlockUntilResumed = false)
{
    public static readonly IReadOnlyList<int> DefaultThresholds = [80];

    public bool IsInert => !Enabled || Limit <= 0;
}
