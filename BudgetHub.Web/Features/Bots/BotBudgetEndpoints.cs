using System.Security.Claims;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetHub.Web.Features.Bots;

/// <summary>
/// <c>/api/v1/bots/{botId}/budget</c>: the bot's four caps (its Budget tab) as four numbers, 0 = no cap, and
/// whether a cap keeps the bot paused until someone resumes it (<c>pauseUntilResumed</c>, the default) or until
/// its day or month resets. A cap is a bot-scope block policy; setting one here is saving it on the bot's page.
/// </summary>
internal static class BotBudgetEndpoints
{
    public static RouteGroupBuilder MapBotBudgetEndpoints(this RouteGroupBuilder api)
    {
        var budget = api.MapGroup("/bots/{botId}/budget").WithTags("Bots");
        budget.MapGet("/", GetAsync).WithName("BotBudget").WithSummary("The bot's daily and monthly token and cost caps (0 = no cap)")
            .ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Member);
        budget.MapPut("/", PutAsync).WithName("SetBotBudget").WithSummary("Set the caps given (the others stay as they are); 0 removes a cap")
            .AcceptsJsonBody<BotBudgetRequest>().Produces<BotBudget>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.ManageBudgets);
        return api;
    }

    private static async Task<Results<Ok<BotBudget>, ProblemHttpResult>> GetAsync(string botId, ClaimsPrincipal user, BotService bots, PolicyService policies, CancellationToken ct)
    {
        botId = BotsEndpoints.WithSlashes(botId);
        var accountId = user.GetAccountId();
        if (await bots.FindAsync(accountId, botId, ct) is null)
        {
            return BotsEndpoints.NotFound(botId);
        }

        return TypedResults.Ok(await BudgetOfAsync(policies, accountId, botId));
    }

    private static async Task<IResult> PutAsync(string botId, HttpContext context, ClaimsPrincipal user, BotService bots, PolicyService policies)
    {
        var (request, problem) = await StrictJsonBody.ReadAsync<BotBudgetRequest>(context, "a bot budget");
        if (request is null)
        {
            return problem!;
        }

        botId = BotsEndpoints.WithSlashes(botId);
        var accountId = user.GetAccountId();
        if (await bots.FindAsync(accountId, botId, context.RequestAborted) is null)
        {
            return BotsEndpoints.NotFound(botId);
        }

        var saved = BotCapsForm.Of(botId, await policies.ListAsync(accountId, PolicyKind.Usage));
        var limits = new Dictionary<BotCap, decimal>(saved.Limits);
        foreach (var cap in BotCap.All)
        {
            if (request.Of(cap) is { } limit)
            {
                limits[cap] = limit;
            }
        }

        var typed = new BotCapsForm(limits, request.PauseUntilResumed ?? saved.PauseUntilResumed);
        var errors = await new BotCapEditor(policies).SaveAsync(accountId, botId, typed, saved, user.GetActorName());
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors.ToDictionary(e => BotCap.All.Single(cap => cap.Label == e.Key).Field, e => e.Value));
        }

        return TypedResults.Ok(await BudgetOfAsync(policies, accountId, botId));
    }

    private static async Task<BotBudget> BudgetOfAsync(PolicyService policies, long accountId, string botId) =>
        BotBudget.Of(botId, BotCapsForm.Of(botId, await policies.ListAsync(accountId, PolicyKind.Usage)));

    /// <summary>The caps to set; one left out stays as it is. Tokens are whole numbers, costs USD; 0 removes the cap.</summary>
    internal sealed record BotBudgetRequest(decimal? DailyTokens, decimal? DailyCost, decimal? MonthlyTokens, decimal? MonthlyCost, bool? PauseUntilResumed = null)
    {
        public decimal? Of(BotCap cap) => cap.Field switch
        {
            "dailyTokens" => DailyTokens,
            "dailyCost" => DailyCost,
            "monthlyTokens" => MonthlyTokens,
            _ => MonthlyCost,
        };
    }

    internal sealed record BotBudget(string BotId, long DailyTokens, decimal DailyCost, long MonthlyTokens, decimal MonthlyCost, bool PauseUntilResumed)
    {
        public static BotBudget Of(string botId, BotCapsForm caps)
        {
            decimal Limit(string field) => caps.Limits.Single(c => c.Key.Field == field).Value;
            return new(botId, (long)Limit("dailyTokens"), Limit("dailyCost"), (long)Limit("monthlyTokens"), Limit("monthlyCost"), caps.PauseUntilResumed);
        }
    }
}
