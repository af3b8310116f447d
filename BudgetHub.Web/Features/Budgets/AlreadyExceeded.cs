using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;
using BudgetHub.Web.Components.Shared;

namespace BudgetHub.Web.Features.Budgets;

/// <summary>
/// A hard limit typed at or below what its scope has already used in the current window: saving it
/// blocks the scope at once (a tier's users at their next event). The warning says so before saving; saving stays allowed.
/// </summary>
public static class AlreadyExceeded
{
    /// <param name="current">The counter now, in the metric's unit (micro-USD for cost); null when unknown.</param>
    /// <param name="limit">The limit typed, in the same unit; 0 or less is no limit.</param>
    /// <returns>e.g. "Usage today is already $0.73, above this $0.50 limit: saving blocks bot research-agent.", or null.</returns>
    public static string? Warning(long? current, long limit, Metric metric, WindowSpec window, string consequence, string noun = "limit")
    {
        if (current is not { } value || limit <= 0 || value < limit)
        {
            return null;
        }

        var where = value == limit ? "already at" : "above";
        return $"Usage {window.Phrase} is already {Format.Metric(metric, value, limit)}, {where} this {Format.Metric(metric, limit)} {noun}: {consequence}.";
    }

    /// <summary>What the block covers, as the API describes it. A tier's users are blocked one by one, by their next event.</summary>
    public static string Consequence(ScopeType scope, string key) => scope switch
    {
        ScopeType.Account => "saving blocks every bot of the organization",
        ScopeType.Team => $"saving blocks every bot of team {key}",
        ScopeType.Bot => $"saving blocks bot {key}",
        ScopeType.User => $"saving blocks user {key} on every bot",
        _ => $"users of tier {key} who are over it will be blocked on their next event",
    };
}
