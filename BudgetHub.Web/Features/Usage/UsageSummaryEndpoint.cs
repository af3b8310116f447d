using System.Globalization;
using System.Security.Claims;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Features.Budgets;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetHub.Web.Features.Usage;

/// <summary><c>GET /api/v1/usage/summary</c>: totals per group over a range, and a time series.</summary>
internal static class UsageSummaryEndpoint
{
    private static readonly string[] GroupNames = ["bot", "model", "provider", "user", "team", "tier", "category"];

    public static RouteGroupBuilder MapUsageSummaryEndpoint(this RouteGroupBuilder api)
    {
        api.MapGet("/usage/summary", SummarizeAsync).WithName("UsageSummary").WithTags("Usage").RequireAuthorization(Policies.Member);
        return api;
    }

    private static async Task<Results<Ok<SummaryResponse>, ValidationProblem>> SummarizeAsync(
        ClaimsPrincipal user, UsageQueries queries, TimeProvider clock, string? from, string? to, string? groupBy, string? interval, CancellationToken ct)
    {
        var accountId = user.GetAccountId();
        var now = clock.GetUtcNow();
        var zone = await queries.ZoneOfAsync(accountId, ct);
        var errors = new Dictionary<string, string[]>();
        var start = TimeOrDefault(from, "from", CalendarWindows.Containing(CalendarUnit.Month, now, zone).Start, errors);
        var end = TimeOrDefault(to, "to", now, errors);
        var datesRead = errors.Count == 0;
        if (datesRead && end <= start)
        {
            errors["to"] = ["Must be after 'from'."];
        }

        if (datesRead && end - start > TimeSpan.FromDays(400))
        {
            errors["from"] = ["A range is at most 400 days."];
        }

        if (groupBy is not null && !GroupNames.Contains(groupBy))
        {
            errors["groupBy"] = [$"One of {string.Join(", ", GroupNames)}."];
        }

        if (interval is not null and not ("hour" or "day"))
        {
            errors["interval"] = ["hour or day."];
        }
        else if (datesRead && interval == "hour" && end - start > TimeSpan.FromDays(31))
        {
            errors["interval"] = ["Hourly series cover at most 31 days; use interval=day."];
        }

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors, "Fix the parameters below.");
        }

        var dimension = CounterNames.ParseDimension(groupBy ?? "bot");
        Granularity? grain = interval is null ? null : CounterNames.ParseGranularity(interval);
        var summary = await queries.SummarizeAsync(accountId, start, end, dimension, grain, ct: ct);
        return TypedResults.Ok(new SummaryResponse(
            summary.From, summary.To, groupBy ?? "bot", interval,
            Totals.From(summary.Totals, summary.UnpricedCalls),
            summary.Groups.Select(g => new GroupItem(g.IsNone ? null : g.Key, Totals.From(g.Amounts, g.UnpricedCalls))).ToList(),
            interval is null ? null : summary.Series.Select(p => new SeriesPoint(p.Start, Totals.From(p.Amounts, 0))).ToList()));
    }

    /// <summary>A time given as ISO 8601 (UTC when it names no offset), or the default when not given.</summary>
    private static DateTimeOffset TimeOrDefault(string? text, string field, DateTimeOffset fallback, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors[field] = ["An ISO 8601 date or time, e.g. 2026-11-01 or 2026-11-01T00:00:00Z."];
        return fallback;
    }

    internal sealed record SummaryResponse(DateTimeOffset From, DateTimeOffset To, string GroupBy, string? Interval, Totals Totals, IReadOnlyList<GroupItem> Items, IReadOnlyList<SeriesPoint>? Series);

    /// <param name="Key">Null for the events that name no value of the grouping (no model, no team, ...).</param>
    internal sealed record GroupItem(string? Key, Totals Totals);

    internal sealed record SeriesPoint(DateTimeOffset Start, Totals Totals);

    internal sealed record Totals(long Tokens, long Messages, long Conversations, decimal Cost, long Calls, long Errors, long UnpricedCalls)
    {
        public static Totals From(UsageAmounts a, long unpriced) =>
            new(a.Tokens, a.Messages, a.Conversations, Money.ToUsd(a.CostMicros), a.Calls, a.Errors, unpriced);
    }
}
