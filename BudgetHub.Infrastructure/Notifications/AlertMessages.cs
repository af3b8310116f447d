using System.Globalization;
using System.Net;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>What an alert says, in an email's subject, text and HTML, and in the bell.</summary>
public sealed record AlertText(string Subject, string Title, string Text, string Html, string Link);

public static class AlertMessages
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    /// <param name="note">A last paragraph, when the alert needs one.</param>
    /// <param name="block">The block the alert's event set off, for a block-mode policy at its limit.</param>
    public static AlertText For(AlertRecord alert, string accountName, string baseUrl, TimeZoneInfo zone, string? note = null, Block? block = null)
    {
        var (value, limit, percent) = Figures(alert);
        var label = Label(alert);
        var what = alert.Kind == AlertKind.Forecast
            ? $"is on course to exceed its limit before the {alert.Window} ends"
            : alert.Threshold >= 100 ? "has reached its limit" : $"has reached {alert.Threshold}% of its limit";
        var scope = Scope(alert);
        string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM yyyy, HH:mm", Us) + " (" + zone.Id + ")";
        var spec = WindowSpec.FromLabel(alert.Window);
        var window = spec?.Phrase ?? "this " + alert.Window;
        // A rolling period never resets: its oldest usage drops out minute by minute.
        var (resetsLabel, resets) = spec is WindowSpec.Rolling
            ? ("Period", $"{window}, the oldest usage dropping out minute by minute")
            : ("Resets", Time(new DateTimeOffset(alert.WindowEnd)));
        var blocked = block is null ? null
            : $"{EnforcementRules.ScopeLabel(block.Target)}, {(block.Until is { } until ? "until " + Time(until) : "until someone resumes it")}: the enforcement check answers allowed: false";
        // A forecast's value is where the burn rate ends the window, not what was spent so far.
        var forecast = alert.Kind == AlertKind.Forecast;
        var (valueLabel, when, at) = forecast
            ? ("Projected", "when the period ends", "projected at")
            : ("Usage", window, "at");
        var link = baseUrl.TrimEnd('/') + "/notifications";
        var subject = string.Create(Us, $"[BudgetHub] {label}: {alert.PolicyName} {at} {percent:0.#}% ({value} of {limit})");
        var title = string.Create(Us, $"{alert.PolicyName} {what}");
        var text = string.Create(Us, $"""
            {title}.

            Account:  {accountName}
            Scope:    {scope}
            {valueLabel + ":",-9} {value} of {limit} ({percent:0.#}%) {when}
            {resetsLabel + ":",-9} {resets}{(blocked is null ? "" : Environment.NewLine + "Blocked:  " + blocked)}
            {(note is null ? "" : Environment.NewLine + note + Environment.NewLine)}
            See it and acknowledge it: {link}
            """);
        var html = string.Create(Us, $"""
            <div style="font-family:Segoe UI,Roboto,Arial,sans-serif;color:#1f2937;max-width:560px">
              <p style="font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:{ColorOf(alert.Severity)};margin:0">{label}</p>
              <h2 style="margin:4px 0 12px">{WebUtility.HtmlEncode(title)}</h2>
              <table style="border-collapse:collapse;font-size:14px">
                <tr><td style="padding:4px 16px 4px 0;color:#5c6b7a">Account</td><td>{WebUtility.HtmlEncode(accountName)}</td></tr>
                <tr><td style="padding:4px 16px 4px 0;color:#5c6b7a">Scope</td><td>{WebUtility.HtmlEncode(scope)}</td></tr>
                <tr><td style="padding:4px 16px 4px 0;color:#5c6b7a">{valueLabel}</td><td><b>{value}</b> of {limit} ({percent:0.#}%) {when}</td></tr>
                <tr><td style="padding:4px 16px 4px 0;color:#5c6b7a">{resetsLabel}</td><td>{resets}</td></tr>
                {(blocked is null ? "" : $"<tr><td style=\"padding:4px 16px 4px 0;color:#5c6b7a\">Blocked</td><td><b>{WebUtility.HtmlEncode(blocked)}</b></td></tr>")}
              </table>
              {(note is null ? "" : $"<p style=\"font-size:14px;color:#5c6b7a\">{WebUtility.HtmlEncode(note)}</p>")}
              <p style="margin-top:20px"><a href="{link}" style="background:#3949ab;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">Open BudgetHub</a></p>
            </div>
            """);
        return new AlertText(subject, title, text, html, "/notifications");
    }

    /// <summary>
    /// One line of a digest: "Warning: Support budget at 80% ($400.00 of $500.00), bot support-bot, 2026-11-24 09:15";
    /// a forecast says where the window is projected to end, not what was spent.
    /// </summary>
    public static string Line(AlertRecord alert, TimeZoneInfo zone)
    {
        var (value, limit, percent) = Figures(alert);
        var at = alert.Kind == AlertKind.Forecast ? "projected at" : "at";
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(alert.CreatedAt, TimeSpan.Zero), zone);
        return string.Create(Us, $"{Label(alert)}: {alert.PolicyName} {at} {percent:0.#}% ({value} of {limit}), {Scope(alert)}, {local:yyyy-MM-dd HH:mm}");
    }

    private static (string Value, string Limit, decimal Percent) Figures(AlertRecord alert)
    {
        var metric = Enum.TryParse<Metric>(alert.Metric, true, out var m) ? m : Metric.Tokens;
        return (Amount(metric, alert.Value, alert.Limit), Amount(metric, alert.Limit), alert.Limit > 0 ? (decimal)alert.Value * 100 / alert.Limit : 0);
    }

    private static string Label(AlertRecord alert) => alert.Kind == AlertKind.Forecast ? "Forecast" : alert.Severity.ToString();

    /// <summary>
    /// "whole organization", "team platform", "bot support-bot", "tier pro", "user u-42": whom an alert is for, in the
    /// words of the app's screens (the API's scope type "account" is the whole organization).
    /// </summary>
    public static string Scope(AlertRecord alert) =>
        alert.ScopeType == ScopeType.Account ? "whole organization" : $"{alert.ScopeType.ToString().ToLowerInvariant()} {alert.ScopeKey}";

    /// <summary>"Support budget: $412.50 of $500.00 this month": where a policy stands, for a block's reason or an event's.</summary>
    public static string Standing(PolicyEvaluation evaluation) =>
        $"{evaluation.Policy.Name}: {Amount(evaluation.Policy.Metric, evaluation.Value, evaluation.Policy.Limit)} of {Amount(evaluation.Policy.Metric, evaluation.Policy.Limit)} {evaluation.Policy.Window.Phrase}";

    public static string Amount(Metric metric, long value) => Amount(metric, value, value);

    /// <param name="limit">What the amount is shown beside: a cost gets the digits it takes to tell them apart.</param>
    public static string Amount(Metric metric, long value, long limit) => metric == Metric.Cost
        ? Money.Format(value, limit)
        : value.ToString("N0", Us) + " " + metric.ToString().ToLowerInvariant();

    private static string ColorOf(Severity severity) => severity switch
    {
        Severity.Exceeded or Severity.Critical => "#d32f2f",
        Severity.Warning => "#ed6c02",
        _ => "#0288d1",
    };
}
