using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;
using BudgetHub.Web.Components.Shared;
using MudBlazor;

namespace BudgetHub.Web.Features.Budgets;

/// <summary>How policies read in the UI: scopes, metrics, windows and actions in a finance lead's words.</summary>
internal static class PolicyText
{
    public static string ScopeKind(ScopeType type) => type switch
    {
        ScopeType.Account => "Organization",
        ScopeType.Team => "Team",
        ScopeType.Bot => "Bot",
        ScopeType.Tier => "Tier",
        _ => "User",
    };

    public static string Scope(ScopeType type, string key) =>
        type == ScopeType.Account ? "Whole organization" : $"{ScopeKind(type)} {key}";

    public static string ScopeIcon(ScopeType type) => type switch
    {
        ScopeType.Account => Icons.Material.Outlined.Business,
        ScopeType.Team => Icons.Material.Outlined.Groups,
        ScopeType.Bot => Icons.Material.Outlined.SmartToy,
        ScopeType.Tier => Icons.Material.Outlined.Layers,
        _ => Icons.Material.Outlined.Person,
    };

    public static string Metric(Metric metric) => metric switch
    {
        Domain.Usage.Metric.Cost => "Cost (USD)",
        Domain.Usage.Metric.Tokens => "Tokens",
        Domain.Usage.Metric.Messages => "Messages",
        Domain.Usage.Metric.Conversations => "Conversations",
        Domain.Usage.Metric.Calls => "Calls",
        _ => "Errors",
    };

    /// <summary>"monthly", "hourly", "rolling 30 min": the window as an adjective, for names.</summary>
    public static string WindowAdjective(WindowSpec window) => window switch
    {
        WindowSpec.Fixed { Unit: CalendarUnit.Hour } => "hourly",
        WindowSpec.Fixed { Unit: CalendarUnit.Day } => "daily",
        WindowSpec.Fixed { Unit: CalendarUnit.Week } => "weekly",
        WindowSpec.Fixed { Unit: CalendarUnit.Month } => "monthly",
        WindowSpec.Rolling rolling => "rolling " + Format.Duration(rolling.Duration),
        _ => window.Label,
    };

    /// <summary>" · gpt-4o only": what a policy's filter counts, to follow its metric; empty without one.</summary>
    public static string Filter(PolicyFilter filter) => filter switch
    {
        { Model: { } model, Category: { } category } => $" · {model} / {category} only",
        { Model: { } model } => $" · {model} only",
        { Category: { } category } => $" · {category} only",
        _ => "",
    };

    /// <summary>"alerts at 50 / 75 / 90%", or at 100% only.</summary>
    public static string Alerts(IReadOnlyList<int> thresholds) =>
        thresholds.Count == 0 ? "alerts at 100%" : $"alerts at {string.Join(" / ", thresholds.Order())}%";

    public static string Limit(Metric metric, long limit) => limit <= 0 ? "No limit" : Format.Metric(metric, limit);

    public static string Action(PolicyAction action) => action switch
    {
        PolicyAction.Block => "Hard limit",
        PolicyAction.DryRun => "Log only",
        _ => "Warn",
    };

    public static string ActionHint(PolicyAction action) => action switch
    {
        PolicyAction.Block => "At 100% the scope is blocked: calls are refused until the block lifts.",
        PolicyAction.DryRun => "Log only (a dry run): at 100% calls are never warned or blocked, each hit is only written to the enforcement log, "
            + "so you can try a limit before it counts. Alerts at its percentages still go out.",
        _ => "At 100% calls proceed; alerts fire and the event is logged.",
    };

    public static Color ActionColor(PolicyAction action) => action switch
    {
        PolicyAction.Block => Color.Error,
        PolicyAction.DryRun => Color.Default,
        _ => Color.Warning,
    };

    public static string ActionIcon(PolicyAction action) => action switch
    {
        PolicyAction.Block => Icons.Material.Outlined.Block,
        PolicyAction.DryRun => Icons.Material.Outlined.Science,
        _ => Icons.Material.Outlined.NotificationsActive,
    };
}
