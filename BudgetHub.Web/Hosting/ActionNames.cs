using BudgetHub.Domain.Enforcement;

namespace BudgetHub.Web.Hosting;

/// <summary>
/// Enforcement actions as the API spells them: allow, warn, block, dry_run. The answers carry them
/// as strings, not as an enum with a converter, which kept the generated serializer off its fast path.
/// </summary>
internal static class ActionNames
{
    public static string Of(EnforcementAction action) => action switch
    {
        EnforcementAction.Allow => "allow",
        EnforcementAction.Warn => "warn",
        EnforcementAction.Block => "block",
        EnforcementAction.DryRun => "dry_run",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
