using MudBlazor;
using Severity = BudgetHub.Domain.Enforcement.Severity;

namespace BudgetHub.Web.Components.Shared;

/// <summary>Severity in the colour people expect, the same on alerts, budget bars and thresholds: info blue, warning amber, critical and exceeded red.</summary>
internal static class SeverityColor
{
    /// <summary>Null (no threshold reached) is green.</summary>
    public static Color Of(Severity? severity) => severity switch
    {
        null => Color.Success,
        Severity.Info => Color.Info,
        Severity.Warning => Color.Warning,
        _ => Color.Error,
    };
}
