using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>Reads a policy's counter for one scope instance from memory and says where it stands.</summary>
internal sealed class PolicyReader(CounterStore counters)
{
    public PolicyEvaluation Evaluate(AccountMeterState state, UsagePolicy policy, ScopeInstance instance, DateTimeOffset now)
    {
        var dimension = CounterNames.Of(instance.Type);
        var filter = CounterNames.Of(policy.Filter);
        switch (policy.Window)
        {
            case WindowSpec.Fixed fixedWindow:
                var bounds = state.Calendar(fixedWindow.Unit, now);
                var key = new CounterKey(state.AccountId, dimension, instance.Key, filter, CounterNames.Of(fixedWindow.Unit), bounds.Start.ToUnixTimeSeconds());
                return new PolicyEvaluation(policy, instance, counters.Get(key).Get(policy.Metric), bounds, bounds.End);
            case WindowSpec.Rolling rolling:
                var counter = RollingOf(state, dimension, instance.Key, filter, rolling.Duration);
                var value = counter.ValueAt(now).Get(policy.Metric);
                var resets = policy.Limit > 0 && value >= policy.Limit ? counter.DropsBelowAt(policy.Metric, policy.Limit, now) : null;
                return new PolicyEvaluation(policy, instance, value, rolling.At(now, state.Zone), resets);
            default:
                throw new InvalidOperationException("Unknown window.");
        }
    }

    public static RollingCounter RollingOf(AccountMeterState state, Dimension dimension, string key, string filter, TimeSpan duration) =>
        state.Rolling.GetOrAdd(new RollingKey(dimension, key, filter, (long)duration.TotalSeconds), static (_, length) => new RollingCounter(length), duration);

    /// <summary>Every applicable policy's standing for the subject.</summary>
    public List<PolicyEvaluation> EvaluateAll(AccountMeterState state, EnforcementSubject subject, bool matchFilters, DateTimeOffset now) =>
        state.Policies.For(subject, matchFilters).ConvertAll(applicable => Evaluate(state, applicable.Policy, applicable.Instance, now));
}
