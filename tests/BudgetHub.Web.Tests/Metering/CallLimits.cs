using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;

namespace BudgetHub.Web.Tests.Metering;

/// <summary>Block-mode limits on calls, with no alert threshold and no email: each event is one call.</summary>
internal static class CallLimits
{
    public static PolicyInput PerDay(ScopeType scope, string id, long limit) => new()
    {
        Name = $"{scope} {id} calls", ScopeType = scope, ScopeId = id, Metric = Metric.Calls, Limit = limit,
        WindowUnit = "day", Thresholds = [], Action = PolicyAction.Block, NotifyEmail = false,
    };

    public static PolicyInput PerMinute(string bot, long limit) =>
        PerDay(ScopeType.Bot, bot, limit) with { Name = $"{bot} calls per minute", WindowUnit = null, RollingDuration = "PT1M" };
}
