using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>Reads a policy's counter for one scope instance from memory and says where it stands.</summary>
internal sealed class PolicyReader(CounterStore counters)
{
    public PolicyEvaluation Evaluate(AccountMeterState state, UsagePolicy policy, ScopeInstance instance, DateTimeOffset now)
    {
        var value = ValueOf(state, policy, instance, now, out var window, out var resetsAt);
        return new PolicyEvaluation(policy, instance, value, window, resetsAt);
    }

    /// <summary>Every applicable policy's standing for the subject (what "Why?" explains).</summary>
    public List<PolicyEvaluation> EvaluateAll(AccountMeterState state, EnforcementSubject subject, bool matchFilters, DateTimeOffset now) =>
        state.Policies.For(subject, matchFilters).ConvertAll(applicable => Evaluate(state, applicable.Policy, applicable.Instance, now));

    /// <summary>
    /// The standings of the applicable policies that have reached an alert threshold or their limit.
    /// The others answer "allow", block nothing, alert nothing and log nothing, so deciding needs
    /// only these; reading them allocates nothing (this runs for every policy on every event and check).
    /// </summary>
    public List<PolicyEvaluation> Reached(AccountMeterState state, List<(UsagePolicy Policy, ScopeInstance Instance)> applicable, DateTimeOffset now)
    {
        var reached = new List<PolicyEvaluation>(0);
        foreach (var (policy, instance) in applicable)
        {
            var value = ValueOf(state, policy, instance, now, out var window, out var resetsAt);
            if (PolicyEvaluation.HighestThresholdReached(policy, value) > 0)
            {
                reached.Add(new PolicyEvaluation(policy, instance, value, window, resetsAt));
            }
        }

        return reached;
    }

    /// <summary>
    /// The writer's <see cref="Reached(AccountMeterState, List{ValueTuple{UsagePolicy, ScopeInstance}}, DateTimeOffset)"/>
    /// for an event it has just counted: each policy's value comes from the counter the event was
    /// counted into (<paramref name="counted"/>, in the order of <paramref name="applicable"/>), with no
    /// lookup, unless the event went to a past window.
    /// </summary>
    public List<PolicyEvaluation> Reached(
        AccountMeterState state, List<(UsagePolicy Policy, ScopeInstance Instance)> applicable, List<CountedPolicy> counted, DateTimeOffset now)
    {
        var reached = new List<PolicyEvaluation>(0);
        for (var i = 0; i < applicable.Count; i++)
        {
            var (policy, instance) = applicable[i];
            var value = counted[i].IsCurrent ? counted[i].ValueOf(policy.Metric, now) : ValueOf(state, policy, instance, now, out _, out _);
            if (PolicyEvaluation.HighestThresholdReached(policy, value) > 0)
            {
                reached.Add(Evaluate(state, policy, instance, now));
            }
        }

        return reached;
    }

    /// <inheritdoc cref="Reached(AccountMeterState, List{ValueTuple{UsagePolicy, ScopeInstance}}, DateTimeOffset)"/>
    public List<PolicyEvaluation> Reached(AccountMeterState state, EnforcementSubject subject, bool matchFilters, DateTimeOffset now) =>
        Reached(state, state.Policies.For(subject, matchFilters), now);

    public static RollingCounter RollingOf(AccountMeterState state, Dimension dimension, string key, string filter, WindowSpec.Rolling window) =>
        state.Rolling.GetOrAdd(new RollingKey(dimension, key, filter, (long)window.Duration.TotalSeconds), static (_, window) => new RollingCounter(window), window);

    private long ValueOf(AccountMeterState state, UsagePolicy policy, ScopeInstance instance, DateTimeOffset now, out WindowBounds window, out DateTimeOffset? resetsAt)
    {
        var dimension = CounterNames.Of(instance.Type);
        var filter = CounterNames.Of(policy.Filter);
        switch (policy.Window)
        {
            case WindowSpec.Fixed fixedWindow:
                window = state.Calendar(fixedWindow.Unit, now);
                resetsAt = window.End;
                var key = new CounterKey(state.AccountId, dimension, CounterNames.KeyOf(dimension, instance.Key), filter, CounterNames.Of(fixedWindow.Unit), window.Start.ToUnixTimeSeconds());
                return counters.Get(key).Get(policy.Metric);
            case WindowSpec.Rolling rolling:
                // Looked up, not added: a check for a user never counted must not leave a counter behind.
                window = rolling.At(now, state.Zone);
                if (!state.Rolling.TryGetValue(new RollingKey(dimension, instance.Key, filter, (long)rolling.Duration.TotalSeconds), out var counter))
                {
                    resetsAt = null;
                    return 0;
                }

                var value = counter.ValueAt(now).Get(policy.Metric);
                resetsAt = policy.Limit > 0 && value >= policy.Limit ? counter.DropsBelowAt(policy.Metric, policy.Limit, now) : null;
                return value;
            default:
                throw new InvalidOperationException("Unknown window.");
        }
    }
}
