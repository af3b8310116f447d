using BudgetHub.Domain.Budgets;

namespace BudgetHub.Domain.Enforcement;

/// <summary>The rules that turn policy evaluations and blocks into one decision.</summary>
public static class EnforcementRules
{
    /// <summary>
    /// The most restrictive answer over every policy and every block that covers the subject
    /// (block &gt; warn &gt; dry run &gt; allow). Reasons list the policies that are not at "allow",
    /// most restrictive first.
    /// </summary>
    public static Decision Decide(
        EnforcementSubject subject, IReadOnlyList<PolicyEvaluation> evaluations, ReadOnlySpan<Block> blocks, DateTimeOffset now)
    {
        // Written without LINQ: it runs on every event and every check, and the common answer
        // (nothing reached, nothing blocked) allocates nothing.
        List<Block>? holding = null;
        foreach (var block in blocks)
        {
            if (block.HoldsAt(now) && block.Covers(subject))
            {
                (holding ??= []).Add(block);
            }
        }

        if (holding is null && evaluations.Count == 0)
        {
            return Decision.Allow;
        }

        holding ??= [];
        var action = holding.Count > 0 ? EnforcementAction.Block : EnforcementAction.Allow;
        var reasons = new List<(PolicyEvaluation Evaluation, EnforcementAction Action)>();
        foreach (var evaluation in evaluations)
        {
            var policyAction = ActionOf(evaluation, holding);
            if (policyAction != EnforcementAction.Allow)
            {
                reasons.Add((evaluation, policyAction));
            }

            action = Max(action, policyAction);
        }

        if (holding.Count == 0 && reasons.Count == 0)
        {
            return Decision.Allow;
        }

        var pausedUntil = holding.Count == 0 || holding.Exists(b => b.Until is null) ? null : holding.Max(b => b.Until);
        return new Decision(
            action,
            reasons.OrderByDescending(r => r.Action).ThenByDescending(r => r.Evaluation.Percent).Select(r => r.Evaluation).ToList(),
            holding,
            pausedUntil);
    }

    /// <summary>What one reached policy decides on its own, given the blocks that hold for the subject.</summary>
    public static EnforcementAction ActionOf(PolicyEvaluation evaluation, IReadOnlyList<Block> holding)
    {
        for (var i = 0; i < holding.Count; i++)
        {
            if (holding[i].PolicyId == evaluation.Policy.Id)
            {
                return evaluation.ActionWith(blockHolds: true);
            }
        }

        return evaluation.ActionWith(blockHolds: false);
    }

    /// <summary>
    /// Whether counting this event must block the policy's scope: a block-mode policy whose counter
    /// is at or over its limit, with no block of its own already holding for that scope.
    /// </summary>
    public static bool MustBlock(PolicyEvaluation evaluation, IEnumerable<Block> blocks, DateTimeOffset now) =>
        evaluation.Policy is { Action: PolicyAction.Block, IsInert: false }
        && evaluation.IsAtOrOverLimit
        && !blocks.Any(b => b.PolicyId == evaluation.Policy.Id && b.Target == evaluation.Instance && b.HoldsAt(now));

    /// <summary>A dry-run policy at or past its limit: the call would have been blocked, and the log says so.</summary>
    public static bool IsDryRunHit(PolicyEvaluation evaluation) =>
        evaluation.Policy.Action == PolicyAction.DryRun && evaluation.IsAtOrOverLimit;

    /// <summary>Whether any policy behind the decision is a dry-run hit (<see cref="IsDryRunHit"/>).</summary>
    public static bool HasDryRunHit(Decision decision)
    {
        for (var i = 0; i < decision.Reasons.Count; i++)
        {
            if (IsDryRunHit(decision.Reasons[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A new block lasts <c>blockFor</c>, else until a person resumes it (null), else until the window resets.</summary>
    public static DateTimeOffset? BlockUntil(PolicyEvaluation evaluation, DateTimeOffset now) =>
        evaluation.Policy.BlockFor is { } blockFor ? now + blockFor
        : evaluation.Policy.BlockUntilResumed ? null
        : evaluation.ResetsAt;

    public static EnforcementAction Max(EnforcementAction a, EnforcementAction b) => a >= b ? a : b;

    public static string ScopeLabel(ScopeInstance instance) => instance.Type switch
    {
        ScopeType.Account => "every bot of the organization",
        ScopeType.Team => $"every bot of team {instance.Key}",
        ScopeType.Bot => $"bot {instance.Key}",
        _ => $"user {instance.Key} on every bot",
    };
}
