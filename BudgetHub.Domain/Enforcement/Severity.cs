using BudgetHub.Domain.Budgets;

namespace BudgetHub.Domain.Enforcement;

/// <summary>How loud an alert is, from the threshold it crossed.</summary>
public enum Severity
{
    Info,
    Warning,
    Critical,
    Exceeded,
}

public static class SeverityRules
{
    /// <summary>
    /// The one rule for how loud a budget is when its counter stands at <paramref name="value"/>: the
    /// severity of the highest of its alert thresholds (and 100%) reached, which is the alert it raised
    /// last; null below all of them or without a limit. Budget bars take their colour from it, so a bar
    /// never says more or less than the alert beside it. A hard limit and a soft one are alike here: at
    /// 100% both are Exceeded, and whether that blocks is the policy's action. A disabled policy is
    /// placed as it would be if enabled (it raises nothing, but its greyed bar still shows where it stands).
    /// </summary>
    public static Severity? Of(UsagePolicy policy, long value)
    {
        if (policy.Limit <= 0)
        {
            return null;
        }

        var threshold = PolicyEvaluation.HighestThresholdReached(policy.Limit, policy.Thresholds, value);
        return threshold == 0 ? null : ForThreshold(threshold);
    }

    /// <summary>The severity of the alert raised at a threshold: info below 80%, warning from 80%, critical from 95%, exceeded at 100%.</summary>
    public static Severity ForThreshold(int percent) => percent switch
    {
        >= 100 => Severity.Exceeded,
        >= 95 => Severity.Critical,
        >= 80 => Severity.Warning,
        _ => Severity.Info,
    };
}
