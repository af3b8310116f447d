using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;
using BudgetHub.Web.Components.Shared;

namespace BudgetHub.Web.Features.Budgets;

/// <summary>
/// A hard limit typed at or below what its scope has already used in the current window: once saved,
/// the scope's next event blocks it. The warning says so before saving; saving stays allowed.
/// </summary>
public static class AlreadyExceeded
{
    /// <param name="current">The counter now, in the metric's unit (micro-USD for cost); null when unknown.</param>
    /// <param name="limit">The limit typed, in the same unit; 0 or less is no limit.</param>
    /// <returns>e.g. "Usage today is already $0.73, above this $0.50 limit: bot research-agent will be blocked on its next event.", or null.</returns>
    public static string? Warning(long? current, long limit, Metric metric, WindowSpec window, string consequence, string noun = "limit")
    {
        if (current is not { } value || limit <= 0 || value < limit)
        {
            return null;
        }

        var where = value == limit ? "already at" : "above";
        return $"Usage {window.Phrase} is already {Format.Metric(metric, value)}, {where} this {Format.Metric(metric, limit)} {noun}: {consequence}.";
    }

    /// <summary>What the block covers, as the API describes it: the scope is blocked by the event that leaves it over.</summary>
    public static string Consequence(ScopeType scope, string key) => scope switch
    {
        ScopeType.Account => "the next event of any bot blocks every bot of the organization",
        ScopeType.Team => $"the next event of any bot of team {key} blocks the whole team",
        ScopeType.Bot => $"bot {key} will be blocked on its next event",
        ScopeType.User => $"user {key} will be blocked on every bot at their next event",
        _ => $"users of tier {key} who are over it will be blocked on their next event",
    };
}
