using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Domain.Tests;

/// <summary>Short ways to write the policies the tests need.</summary>
internal static class Policies
{
    private static long _nextId = 1;

    public static UsagePolicy Make(
        ScopeType scope, string key = "", long limit = 1000, PolicyAction action = PolicyAction.Warn,
        Metric metric = Metric.Tokens, int[]? thresholds = null, TimeSpan? blockFor = null, string? model = null, bool enabled = true, WindowSpec? window = null) =>
        new(Interlocked.Increment(ref _nextId), $"{scope} {key} {metric}", new PolicyScope(scope, key), metric, limit,
            window ?? WindowSpec.Calendar(CalendarUnit.Day), thresholds ?? [80], action, blockFor, new PolicyFilter(model, null), enabled);
}
