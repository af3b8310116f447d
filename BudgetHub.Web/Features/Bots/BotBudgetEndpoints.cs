using System.Security.Claims;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetHub.Web.Features.Bots;

/// <summary>
/// <c>/api/v1/bots/{botId}/budget</c>: the bot's four caps (its Budget tab) as four numbers, 0 = no cap.
/// A cap is a bot-scope block policy; setting one here is saving it on the bot's page.
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

        return TypedResults.Ok(BotBudget.Of(botId, await CapsAsync(policies, accountId, botId)));
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

        var saved = await CapsAsync(policies, accountId, botId);
        var limits = new Dictionary<BotCap, decimal>(saved);
        foreach (var cap in BotCap.All)
        {
            if (request.Of(cap) is { } limit)
            {
                limits[cap] = limit;
            }
        }

        var errors = await new BotCapEditor(policies).SaveAsync(accountId, botId, limits, saved, user.GetActorName());
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors.ToDictionary(e => BotCap.All.Single(cap => cap.Label == e.Key).Field, e => e.Value));
        }

        return TypedResults.Ok(BotBudget.Of(botId, await CapsAsync(policies, accountId, botId)));
    }

    private static async Task<Dictionary<BotCap, decimal>> CapsAsync(PolicyService policies, long accountId, string botId)
    {
        var all = await policies.ListAsync(accountId, PolicyKind.Usage);
        return BotCap.All.ToDictionary(cap => cap, cap => cap.LimitOf(cap.Find(botId, all)));
    }

    /// <summary>The caps to set; one left out stays as it is. Tokens are whole numbers, costs USD; 0 removes the cap.</summary>
    internal sealed record BotBudgetRequest(decimal? DailyTokens, decimal? DailyCost, decimal? MonthlyTokens, decimal? MonthlyCost)
    {
        public decimal? Of(BotCap cap) => cap.Field switch
        {
            "dailyTokens" => DailyTokens,
            "dailyCost" => DailyCost,
            "monthlyTokens" => MonthlyTokens,
            _ => MonthlyCost,
        };
    }

    internal sealed record BotBudget(string BotId, long DailyTokens, decimal DailyCost, long MonthlyTokens, decimal MonthlyCost)
    {
        public static BotBudget Of(string botId, Dictionary<BotCap, decimal> caps)
        {
            decimal Limit(string field) => caps.Single(c => c.Key.Field == field).Value;
            return new(botId, (long)Limit("dailyTokens"), Limit("dailyCost"), (long)Limit("monthlyTokens"), Limit("monthlyCost"));
        }
    }
}
