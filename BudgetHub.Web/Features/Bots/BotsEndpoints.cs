using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json.Serialization;
using BudgetHub.Domain.Common;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Enforcement;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Features.Budgets;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetHub.Web.Features.Bots;

/// <summary><c>/api/v1/bots</c>: list, today's and this month's usage, pause and resume.</summary>
internal static class BotsEndpoints
{
    public static RouteGroupBuilder MapBotsEndpoints(this RouteGroupBuilder api)
    {
        var bots = api.MapGroup("/bots").WithTags("Bots");
        bots.MapGet("/", ListAsync).WithName("ListBots").RequireAuthorization(Policies.Member);
        bots.MapGet("/{botId}/usage", UsageAsync).WithName("BotUsage").ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Member);
        bots.MapPost("/{botId}/pause", PauseAsync).WithName("PauseBot").WithSummary("Block every call of a bot until a time, for a while, or until it is resumed")
            .AcceptsJsonBody<PauseRequest>(isOptional: true).Produces<BotItem>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.ManageBudgets);
        bots.MapPost("/{botId}/resume", ResumeAsync).WithName("ResumeBot").WithSummary("End a bot's pause and lift its own blocks (account and team blocks still hold)")
            .Produces<BotItem>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.ManageBudgets);
        return api;
    }

    private static async Task<Ok<ItemsResponse<BotItem>>> ListAsync(ClaimsPrincipal user, BotService bots, BotControl control, CancellationToken ct)
    {
        var accountId = user.GetAccountId();
        var rows = await bots.ListAsync(accountId, ct);
        return TypedResults.Ok(new ItemsResponse<BotItem>(rows.Select(b => BotItem.From(b, control.StatusOf(accountId, b.Key))).ToList()));
    }

    private static async Task<Results<Ok<BotUsage>, ProblemHttpResult>> UsageAsync(string botId, ClaimsPrincipal user, BotService bots, UsageQueries queries, CancellationToken ct)
    {
        botId = WithSlashes(botId);
        var accountId = user.GetAccountId();
        if (await bots.FindAsync(accountId, botId, ct) is null)
        {
            return NotFound(botId);
        }

        var usage = queries.Snapshot(accountId, Dimension.Bot, botId);
        return TypedResults.Ok(new BotUsage(botId,
            usage.Today.Tokens, usage.ThisMonth.Tokens, Money.ToUsd(usage.Today.CostMicros), Money.ToUsd(usage.ThisMonth.CostMicros),
            usage.Today.Conversations, usage.Today.Errors, usage.Today.Messages, usage.Today.Calls));
    }

    private static async Task<IResult> PauseAsync(string botId, HttpContext context, ClaimsPrincipal user, BotControl control, BotService bots, TimeProvider clock)
    {
        botId = WithSlashes(botId);
        // No body pauses until resumed; a body is read strictly, so a misspelled "until" is an error, not a pause without end.
        var request = new PauseRequest(null, null, null);
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            var (sent, problem) = await StrictJsonBody.ReadAsync<PauseRequest>(context, "a pause",
                new Dictionary<string, string> { ["until"] = "an ISO 8601 time with an offset, e.g. 2026-11-23T12:00:00Z" });
            if (sent is null)
            {
                return problem!;
            }

            request = sent;
        }

        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var until = request.Until;
        if (request.Duration is { } duration)
        {
            if (until is not null)
            {
                errors["duration"] = ["Give until or duration, not both."];
            }
            else if (!IsoDuration.TryParse(duration, out var length) || length <= TimeSpan.Zero)
            {
                errors["duration"] = [$"An ISO 8601 duration longer than zero and at most P{IsoDuration.MaxDays}D, e.g. PT30M, PT2H or P1D; omit it to pause until someone resumes the bot."];
            }
            else
            {
                until = now + length;
            }
        }
        else if (until is { } end && end <= now)
        {
            errors["until"] = ["Must be in the future (or omitted: until resumed)."];
        }
        else if (until > now.AddYears(MaxPauseYears))
        {
            errors["until"] = [$"Must be within {MaxPauseYears} years; omit it to pause until someone resumes the bot."];
        }

        if (request.Reason is { Length: > 400 })
        {
            errors["reason"] = ["At most 400 characters."];
        }

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }

        var accountId = user.GetAccountId();
        if (!await control.PauseAsync(accountId, botId, until, request.Reason, user.GetActorName(), context.RequestAborted))
        {
            return NotFound(botId);
        }

        return TypedResults.Ok(BotItem.From((await bots.FindAsync(accountId, botId))!, control.StatusOf(accountId, botId)));
    }

    private static async Task<IResult> ResumeAsync(string botId, ClaimsPrincipal user, BotControl control, BotService bots, CancellationToken ct)
    {
        botId = WithSlashes(botId);
        var accountId = user.GetAccountId();
        if (!await control.ResumeAsync(accountId, botId, user.GetActorName(), ct))
        {
            return NotFound(botId);
        }

        return TypedResults.Ok(BotItem.From((await bots.FindAsync(accountId, botId, ct))!, control.StatusOf(accountId, botId)));
    }

    /// <summary>
    /// Routing decodes the path except <c>%2F</c>, so that it is not taken for a separator: the bot "team/a"
    /// (<see cref="BotPage.LinkTo"/>) arrives as <c>team%2Fa</c>. Blazor's router finishes the decoding the same way.
    /// </summary>
    internal static string WithSlashes(string botId) => botId.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    internal static ProblemHttpResult NotFound(string botId) => ApiResults.NotFound($"There is no bot '{botId}' in this account.");

    private const int MaxPauseYears = 100;

    /// <summary>The body of a pause: an end (<c>until</c>, or <c>duration</c> from now), or neither for a pause until someone resumes the bot.</summary>
    [Description("Every field may be left out, and so may the body: then the bot is paused until someone resumes it. "
        + "Give until or duration, not both: a pause with both is refused (400).")]
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    internal sealed record PauseRequest(
        [property: Description("When the pause ends: an ISO 8601 time with an offset, in the future and within 100 years. Not with duration.")] DateTimeOffset? Until = null,
        [property: Description("How long the pause lasts from now: an ISO 8601 duration longer than zero, at most P3660D (PT30M, PT2H, P1D). Not with until.")] string? Duration = null,
        [property: StringLength(400), Description("Why, shown with the bot's status.")] string? Reason = null);

    internal sealed record BotItem(string BotId, string Name, string? Team, string Status, DateTimeOffset? PausedUntil, string? PauseReason,
        string? BlockedBy, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt)
    {
        public static BotItem From(Bot bot, BotStatus status) => new(
            bot.Key, bot.Name, bot.Team, status.Paused ? "paused" : "active", status.PausedUntil, status.Reason,
            status.BlockedAt is { } scope ? PolicyContract.Name(scope) : null, new DateTimeOffset(bot.CreatedAt), new DateTimeOffset(bot.LastSeenAt));
    }

    internal sealed record BotUsage(string BotId, long TokensToday, long TokensThisMonth, decimal CostToday, decimal CostThisMonth,
        long ConversationsToday, long ErrorsToday, long MessagesToday, long CallsToday);
}
