using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Notifications;

namespace BudgetHub.Web.Features.Notifications;

/// <summary>An alert's numbers and scope as people read them.</summary>
public static class AlertText
{
    public static string Value(AlertRecord alert) => AlertMessages.Amount(MetricOf(alert), alert.Value);

    public static string Limit(AlertRecord alert) => AlertMessages.Amount(MetricOf(alert), alert.Limit);

    public static string Scope(AlertRecord alert) => alert.ScopeType switch
    {
        Domain.Budgets.ScopeType.Account => "whole account",
        _ => $"{ScopeKind(alert)} {alert.ScopeKey}",
    };

    /// <summary>"user", "team", "bot", "tier": what the scope key names.</summary>
    public static string ScopeKind(AlertRecord alert) => alert.ScopeType.ToString().ToLowerInvariant();

    private static Metric MetricOf(AlertRecord alert) => Enum.TryParse<Metric>(alert.Metric, true, out var metric) ? metric : Metric.Tokens;
}
