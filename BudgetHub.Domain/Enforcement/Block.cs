using BudgetHub.Domain.Budgets;

namespace BudgetHub.Domain.Enforcement;

/// <summary>
/// A block on a scope: the whole account, a team's bots, a bot, or an end user on every bot.
/// <see cref="PolicyId"/> is null for a manual pause, which says who paused (<see cref="PausedBy"/>).
/// <see cref="Until"/> null: until lifted by hand.
/// </summary>
public sealed record Block(long Id, long? PolicyId, ScopeInstance Target, DateTimeOffset? Until, string Reason, DateTimeOffset CreatedAt, string? PausedBy = null)
{
    public bool IsManualPause => PolicyId is null;

    /// <summary>A block lifts exactly at <see cref="Until"/>: a check at that instant is allowed.</summary>
    public bool HoldsAt(DateTimeOffset now) => Until is null || now < Until;

    public bool Covers(EnforcementSubject subject) => Target.Type switch
    {
        ScopeType.Account => true,
        ScopeType.Team => subject.Team is not null && subject.Team == Target.Key,
        ScopeType.Bot => subject.BotId == Target.Key,
        ScopeType.User or ScopeType.Tier => subject.UserId is not null && subject.UserId == Target.Key,
        _ => false,
    };
}
