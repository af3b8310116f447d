namespace BudgetHub.Domain.Enforcement;

/// <summary>
/// The answer for one subject: the most restrictive action, the policies that led to it, the
/// blocks that hold, and when the subject may go again.
/// </summary>
public sealed record Decision(
    EnforcementAction Action,
    IReadOnlyList<PolicyEvaluation> Reasons,
    IReadOnlyList<Block> Blocks,
    DateTimeOffset? PausedUntil)
{
    public static readonly Decision Allow = new(EnforcementAction.Allow, [], [], null);

    public bool Allowed => Action != EnforcementAction.Block;

    public int? RetryAfterSeconds(DateTimeOffset now) =>
        PausedUntil is { } until && until > now ? (int)Math.Ceiling((until - now).TotalSeconds) : null;
}
