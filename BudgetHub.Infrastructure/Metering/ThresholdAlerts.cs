using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Notifications;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// Raises an alert for each threshold a policy's counter reaches in a window — once per policy,
/// scope, window and threshold — as part of the event's transaction. An event that crosses several
/// thresholds at once notifies once, for the highest: the lower ones are recorded without messages,
/// and acknowledged, so that Active alerts and the bell count the same alerts.
/// </summary>
internal sealed class ThresholdAlerts(AlertWriter writer)
{
    private static readonly PolicyChannels Quiet = new(false, [], false, null);

    public bool Raise(MeterStatements sql, AccountMeterState state, PolicyEvaluation evaluation, EnforcementSubject subject, DateTimeOffset now)
    {
        var highest = evaluation.HighestThresholdReached();
        if (highest == 0)
        {
            return false;
        }

        var window = AlertWindow(evaluation, now);
        var key = (evaluation.Policy.Id, evaluation.Instance);
        var windowStart = window.Start.ToUnixTimeSeconds();
        var already = state.Alerted.TryGetValue(key, out var known) && known.WindowStart == windowStart ? known.Threshold : 0;
        if (highest <= already)
        {
            return false;
        }

        var raised = false;
        foreach (var threshold in evaluation.ThresholdsReached().Where(t => t > already))
        {
            var alert = new AlertRecord
            {
                AccountId = state.AccountId,
                PolicyId = evaluation.Policy.Id,
                PolicyName = evaluation.Policy.Name,
                Kind = AlertKind.Threshold,
                ScopeType = evaluation.Instance.Type,
                ScopeKey = evaluation.Instance.Key,
                BotKey = subject.BotId,
                UserId = subject.UserId,
                Metric = evaluation.Policy.Metric.ToString().ToLowerInvariant(),
                Window = evaluation.Policy.Window.Label,
                WindowStart = window.Start.UtcDateTime,
                WindowEnd = window.End.UtcDateTime,
                Threshold = threshold,
                Severity = SeverityRules.ForThreshold(threshold),
                Value = evaluation.Value,
                Limit = evaluation.Policy.Limit,
                CreatedAt = now.UtcDateTime,
                AcknowledgedAt = threshold < highest ? now.UtcDateTime : null,
                AcknowledgedBy = threshold < highest ? $"BudgetHub (the same event reached {highest}%)" : null,
            };
            var channels = threshold < highest ? Quiet : state.Channels.GetValueOrDefault(evaluation.Policy.Id) ?? new PolicyChannels(true, [], true, null);
            var block = threshold >= 100 ? BlockSetOffBy(state, evaluation, now) : null;
            raised |= writer.Raise(sql.Connection, sql.Transaction!, alert, channels, state.Zone,
                emailOncePerWindow: evaluation.Policy.Scope.Type == ScopeType.Tier, block) is not null;
        }

        state.Alerted[key] = (windowStart, highest);
        return raised;
    }

    /// <summary>The policy's block of the alert's scope, made for the same event just before its alert.</summary>
    private static Block? BlockSetOffBy(AccountMeterState state, PolicyEvaluation evaluation, DateTimeOffset now) =>
        evaluation.Policy.Action != PolicyAction.Block ? null
            : state.Blocks.FirstOrDefault(b => b.PolicyId == evaluation.Policy.Id && b.Target == evaluation.Instance && b.HoldsAt(now));

    /// <summary>
    /// A calendar window is itself; a rolling window has no start, so its alerts are counted per
    /// consecutive stretch of its own length.
    /// </summary>
    private static WindowBounds AlertWindow(PolicyEvaluation evaluation, DateTimeOffset now)
    {
        if (evaluation.Policy.Window is not WindowSpec.Rolling rolling)
        {
            return evaluation.Window;
        }

        var start = RollingStretchStart(rolling, now);
        return new WindowBounds(DateTimeOffset.FromUnixTimeSeconds(start), DateTimeOffset.FromUnixTimeSeconds(start + (long)rolling.Duration.TotalSeconds));
    }

    /// <summary>The start (Unix seconds) of the window a policy's alerts are counted in at <paramref name="now"/>.</summary>
    public static long AlertWindowStart(AccountMeterState state, WindowSpec window, DateTimeOffset now) => window switch
    {
        WindowSpec.Rolling rolling => RollingStretchStart(rolling, now),
        WindowSpec.Fixed calendar => state.Calendar(calendar.Unit, now).Start.ToUnixTimeSeconds(),
        _ => throw new InvalidOperationException("Unknown window."),
    };

    private static long RollingStretchStart(WindowSpec.Rolling rolling, DateTimeOffset now)
    {
        var length = (long)rolling.Duration.TotalSeconds;
        return now.ToUnixTimeSeconds() / length * length;
    }
}
