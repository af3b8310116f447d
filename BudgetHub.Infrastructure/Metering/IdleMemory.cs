using BudgetHub.Domain.Common;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// What the writer forgets every few minutes, so that an account's memory follows its active end users
/// rather than every one ever seen: rolling counters that have emptied, alert marks of windows that
/// have ended, and log folds past their minute. Writer only: it alone adds to these.
/// </summary>
internal static class IdleMemory
{
    public static void Forget(AccountMeterState state, DateTimeOffset now)
    {
        foreach (var entry in state.Rolling)
        {
            if (entry.Value.ValueAt(now).IsZero)
            {
                state.Rolling.TryRemove(entry);
            }
        }

        var policies = state.Policies.All.ToDictionary(p => p.Id);
        foreach (var (key, (windowStart, _)) in state.Alerted)
        {
            if (!policies.TryGetValue(key.PolicyId, out var policy) || windowStart < ThresholdAlerts.AlertWindowStart(state, policy.Window, now))
            {
                state.Alerted.Remove(key);
            }
        }

        foreach (var (key, (_, at)) in state.LogFold)
        {
            if (now - at >= EventRecorder.FoldSpan)
            {
                state.LogFold.Remove(key);
            }
        }
    }
}
