using System.Globalization;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Notifications;

namespace BudgetHub.Web.Features.Notifications;

/// <summary>An alert's numbers and scope as people read them.</summary>
public static class AlertText
{
    public const string BudgetDeleted = "Resolved: its budget was deleted";
    public const string WindowEnded = "Resolved: its period ended";

    public static string Value(AlertRecord alert) => AlertMessages.Amount(MetricOf(alert), alert.Value);

    public static string Limit(AlertRecord alert) => AlertMessages.Amount(MetricOf(alert), alert.Limit);

    /// <summary>"reached 80%", or for a forecast "projected at the period's end": what the value beside the limit is.</summary>
    public static string Reached(AlertRecord alert) => alert.Kind == AlertKind.Forecast ? "projected at the period's end" : $"reached {alert.Threshold}%";

    /// <summary>"per day from Nov 24, 00:00": the window the alert was raised in, in the account's time zone.</summary>
    public static string Window(AlertRecord alert, TimeZoneInfo zone) =>
        $"{Enforcement.LogRowText.Window(alert.Window)} from {WindowStart(alert, zone)}";

    public static string WindowStart(AlertRecord alert, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(alert.WindowStart), zone).ToString("MMM d, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"whole organization", "team support", "user u-14": as the alert's emails say it.</summary>
    public static string Scope(AlertRecord alert) => AlertMessages.Scope(alert);

    /// <summary>"user", "team", "bot", "tier": what the scope key names.</summary>
    public static string ScopeKind(AlertRecord alert) => alert.ScopeType.ToString().ToLowerInvariant();

    /// <summary>
    /// "user u-14, via bot faq": whom a per-user alert is for. A tier template raises the same alert for
    /// each of its users, which without this read as identical lines. Null for other scopes.
    /// </summary>
    public static string? ForWhom(AlertRecord alert) => alert.ScopeType != ScopeType.User ? null
        : $"user {alert.ScopeKey}" + (ViaBot(alert) is { } bot ? $", via bot {bot}" : "");

    /// <summary>What a screen reader says for the alert's checkbox: "Select alert Monthly AI budget, whole organization, reached 80%".</summary>
    public static string SelectLabel(AlertRecord alert) => $"Select alert {alert.PolicyName}, {Scope(alert)}, {Reached(alert)}";

    /// <summary>The bot whose usage took a per-user alert's user over the threshold; null for other scopes, where the scope says it all.</summary>
    public static string? ViaBot(AlertRecord alert) => alert.ScopeType == ScopeType.User ? alert.BotKey : null;

    /// <summary>Why an alert nobody acknowledged no longer applies; null while it does.</summary>
    public static string? Resolution(AlertRecord alert, bool budgetDeleted) =>
        budgetDeleted ? BudgetDeleted : alert.ResolvedAt is null ? null : WindowEnded;

    private static Metric MetricOf(AlertRecord alert) => Enum.TryParse<Metric>(alert.Metric, true, out var metric) ? metric : Metric.Tokens;
}
