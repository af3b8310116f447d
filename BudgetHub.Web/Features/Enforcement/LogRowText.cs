using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Enforcement;
using BudgetHub.Web.Components.Shared;
using MudBlazor;

namespace BudgetHub.Web.Features.Enforcement;

/// <summary>How an enforcement-log row reads: its stored metric, window and action names in words and colours.</summary>
internal static class LogRowText
{
    public const string Blocked = "blocked";
    public const string Warned = "warned";
    public const string DryRun = "dry_run";

    /// <summary>Never logged; used when a policy is explained while it lets calls through.</summary>
    public const string Allowed = "allowed";

    /// <summary>
    /// The policy's name in a row that already names the bot: a bot's cap is named after the bot
    /// ("support · daily cost cap"), so the row says "support — daily cost cap", not the bot twice.
    /// </summary>
    public static string PolicyBesideBot(string botKey, string policyName) =>
        policyName.Length > botKey.Length + 3 && policyName.StartsWith(botKey + " · ", StringComparison.Ordinal)
            ? policyName[(botKey.Length + 3)..]
            : policyName;

    public static string Action(string action) => action switch
    {
        Blocked => "Blocked",
        Warned => "Warned",
        DryRun => "Log only",
        Allowed => "Allowed",
        _ => action,
    };

    /// <summary>What a logged action meant for the call, in a sentence: the hint of its chip.</summary>
    public static string? ActionHint(string action) => action switch
    {
        Blocked => "The call was refused.",
        Warned => "The call went through, over a budget that only warns.",
        DryRun => "The call went through: a log-only (dry run) budget never warns or blocks.",
        _ => null,
    };

    public static Color ActionColor(string action) => action switch
    {
        Blocked => Color.Error,
        Warned => Color.Warning,
        Allowed => Color.Success,
        _ => Color.Default,
    };

    public static string ActionIcon(string action) => action switch
    {
        Blocked => Icons.Material.Outlined.Block,
        Warned => Icons.Material.Outlined.WarningAmber,
        Allowed => Icons.Material.Outlined.CheckCircle,
        _ => Icons.Material.Outlined.Science,
    };

    /// <summary>A decision's action in the log's words.</summary>
    public static string Of(EnforcementAction action) => action switch
    {
        EnforcementAction.Block => Blocked,
        EnforcementAction.Warn => Warned,
        EnforcementAction.DryRun => DryRun,
        _ => Allowed,
    };

    /// <summary>A stored counter value with its unit ("$4.20", "12.3K tokens"); a dash for a manual pause, which has no metric.</summary>
    public static string Amount(string metric, long value) =>
        Enum.TryParse<Metric>(metric, ignoreCase: true, out var parsed) ? Format.Metric(parsed, value) : "—";

    /// <summary>Whether a pause by hand, not a policy, blocked the row's call: it has no metric, limit or window.</summary>
    public static bool IsManualPause(EnforcementLogRow row) => row.PausedBy is not null || (row.PolicyId is null && row.Metric == "");

    /// <summary>A pause row's window: "Until Tue 1 Dec, 00:00 UTC" or "Until resumed" (a dash for a row logged before pauses said).</summary>
    public static string PauseEnd(EnforcementLogRow row, TimeZoneInfo zone) => (row.PausedBy, row.PausedUntil) switch
    {
        (null, _) => "—",
        (_, null) => "Until resumed",
        (_, { } until) => "Until " + Format.At(new DateTimeOffset(until), zone),
    };

    /// <summary>Who paused and why: "by ann@example.com — Runaway loop" (the reason is stored as "Paused by who: why").</summary>
    public static string PauseDetail(EnforcementLogRow row)
    {
        if (row.PausedBy is not { } by)
        {
            return row.PolicyName;
        }

        var said = $"Paused by {by}: ";
        return row.PolicyName.StartsWith(said, StringComparison.Ordinal) ? $"by {by} — {row.PolicyName[said.Length..]}" : $"by {by}";
    }

    /// <summary>
    /// Why a log-only row's call went through, and what would have blocked it: "Trial cap is a log-only (dry run) budget.
    /// It stood at 1,200 tokens of 1,000 tokens per day when it logged the call: as a hard limit it would have blocked it. …"
    /// </summary>
    public static string WhyDryRun(EnforcementLogRow row) =>
        $"{row.PolicyName} is a log-only (dry run) budget. It stood at {Amount(row.Metric, row.Value)} of {Amount(row.Metric, row.Limit)} {Window(row.Window)} "
        + "when it logged the call: as a hard limit it would have blocked it. Log only never warns or blocks; it only writes the hit to this log.";

    /// <summary>"per hour", "rolling 30 min"; a dash when the row has no window.</summary>
    public static string Window(string label) => label switch
    {
        "" => "—",
        _ => WindowSpec.FromLabel(label) is { } window ? Format.Window(window) : label,
    };
}
