using System.Security.Claims;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Retention;
using BudgetHub.Web.Features.Budgets;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetHub.Web.Features.Retention;

/// <summary><c>POST /api/v1/retention/run</c>: prune the caller's account now instead of waiting for the hourly job.</summary>
internal static class RetentionEndpoints
{
    public static RouteGroupBuilder MapRetentionEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/retention/run", RunAsync).WithName("RunRetention").WithTags("Retention")
            .WithSummary("Run this account's retention policies now").ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(Policies.ManageAccount);
        return api;
    }

    private static async Task<Ok<ItemsResponse<RunItem>>> RunAsync(ClaimsPrincipal user, RetentionJob retention, CancellationToken ct)
    {
        var runs = await retention.RunAsync(user.GetAccountId(), ct);
        return TypedResults.Ok(new ItemsResponse<RunItem>(runs.Select(r => new RunItem(PolicyContract.IdOf(r.PolicyId), r.Events, r.Conversations, r.LogRows)).ToList()));
    }

    internal sealed record RunItem(string PolicyId, long EventsDeleted, long ConversationsDeleted, long LogRowsDeleted);
}
