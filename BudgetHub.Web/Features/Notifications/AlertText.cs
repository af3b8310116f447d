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
        Domain.Budgets.ScopeType.User => $"user {alert.ScopeKey}",
        _ => $"{alert.ScopeType.ToString().ToLowerInvariant()} {alert.ScopeKey}",
    };

    private static Metric MetricOf(AlertRecord alert) => Enum.TryParse<Metric>(alert.Metric, true, out var metric) ? metric : Metric.Tokens;
}
