using System.Security.Claims;
using BudgetHub.Domain.Common;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Web.Features.Budgets;
using BudgetHub.Web.Features.Enforcement;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetHub.Web.Features.Notifications;

/// <summary><c>GET /api/v1/alerts</c> and <c>POST /api/v1/alerts/{id}/acknowledge</c>.</summary>
internal static class AlertsEndpoints
{
    public static RouteGroupBuilder MapAlertsEndpoints(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts");
        alerts.MapGet("/", ListAsync).WithName("ListAlerts").WithPageParameters(AlertService.MaxPage).RequireAuthorization(Policies.Member);
        alerts.MapPost("/{id}/acknowledge", AcknowledgeAsync).WithName("AcknowledgeAlert")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.ManageBudgets);
        return api;
    }

    private static async Task<Results<Ok<ItemsResponse<AlertItem>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, AlertService alerts, string? status, string? botId, string? limit, string? cursor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null and not ("active" or "acknowledged"))
        {
            errors["status"] = ["active or acknowledged."];
        }

        var (rows, before) = Paging.Parse(limit, cursor, AlertService.MaxPage, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors, "Fix the parameters below.");
        }

        var page = await alerts.PageAsync(user.GetAccountId(), new AlertFilter(status is null ? null : status == "acknowledged", null, botId, null, rows, before), ct);
        return TypedResults.Ok(Paging.Items(page, AlertItem.From));
    }

    private static async Task<Results<Ok<AlertItem>, ProblemHttpResult>> AcknowledgeAsync(string id, ClaimsPrincipal user, AlertService alerts, CancellationToken ct)
    {
        var accountId = user.GetAccountId();
        if (!PublicId.TryParse("alr", id, out var alertId) || await alerts.GetAsync(accountId, alertId, ct) is null)
        {
            return ApiResults.NotFound($"There is no alert '{id}' in this account.");
        }

        await alerts.AcknowledgeAsync(accountId, [alertId], user.GetActorName(), ct);
        return TypedResults.Ok(AlertItem.From((await alerts.GetAsync(accountId, alertId, ct))!));
    }

    internal sealed record AlertItem(
        string Id, string PolicyId, string PolicyName, string Kind, string Severity, int Threshold, decimal Value, decimal Limit, string Metric,
        string Scope, string? ScopeId, string? BotId, string? UserId, string Window, DateTimeOffset WindowStart, DateTimeOffset WindowEnd,
        DateTimeOffset CreatedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, DateTimeOffset? ResolvedAt)
    {
        public static AlertItem From(AlertRecord a)
        {
            var metric = Enum.TryParse<Domain.Usage.Metric>(a.Metric, true, out var m) ? m : Domain.Usage.Metric.Tokens;
            return new(PublicId.Format("alr", a.Id), PolicyContract.IdOf(a.PolicyId), a.PolicyName, PolicyContract.Name(a.Kind), PolicyContract.Name(a.Severity),
                a.Threshold, MetricValue.ToApi(metric, a.Value), MetricValue.ToApi(metric, a.Limit), a.Metric,
                PolicyContract.Name(a.ScopeType), a.ScopeKey.Length == 0 ? null : a.ScopeKey, a.BotKey, a.UserId, a.Window,
                new DateTimeOffset(a.WindowStart), new DateTimeOffset(a.WindowEnd), new DateTimeOffset(a.CreatedAt),
                a.AcknowledgedAt is { } ack ? new DateTimeOffset(ack) : null, a.AcknowledgedBy, a.ResolvedAt is { } r ? new DateTimeOffset(r) : null);
        }
    }
}
