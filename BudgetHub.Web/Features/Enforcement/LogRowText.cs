using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Domain.Usage;
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
        DryRun => "Dry run",
        Allowed => "Allowed",
        _ => action,
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

    /// <summary>"per hour", "rolling 30 min"; a dash when the row has no window.</summary>
    public static string Window(string label) => label switch
    {
        "" => "—",
        _ => WindowSpec.FromLabel(label) is { } window ? Format.Window(window) : label,
    };
}
