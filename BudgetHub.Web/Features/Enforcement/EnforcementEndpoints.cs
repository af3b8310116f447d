using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Enforcement;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Web.Features.Budgets;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ScopeType = BudgetHub.Domain.Budgets.ScopeType;

namespace BudgetHub.Web.Features.Enforcement;

/// <summary><c>GET /api/v1/enforcement/check</c> (from memory) and <c>GET /api/v1/enforcement/log</c>.</summary>
internal static class EnforcementEndpoints
{
    public static RouteGroupBuilder MapEnforcementEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/enforcement").WithTags("Enforcement").RequireAuthorization(Policies.Member)
            .MapGet("/log", LogAsync).WithName("EnforcementLog").WithPageParameters(EnforcementLogQueries.MaxPage);
        return api;
    }

    /// <param name="hot">The short-circuited group (<see cref="Hosting.HotApi.MapHotApi"/>): the endpoint checks its caller itself.</param>
    public static RouteGroupBuilder MapEnforcementCheck(this RouteGroupBuilder hot)
    {
        hot.MapGet("/enforcement/check", CheckAsync).WithName("CheckEnforcement").WithTags("Enforcement")
            .WithSummary("May this bot (and end user) make an AI call now?")
            .TakesApiKey().Produces<CheckResponse>().ProducesValidationProblem().AddOpenApiOperationTransformer(CheckParameters);
        return hot;
    }

    /// <summary>The parameters are bound as optional strings so that <see cref="Invalid"/> can name what is wrong; the document says what it requires.</summary>
    private static Task CheckParameters(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            parameter.Required = parameter.Name == "botId";
            parameter.Description = parameter.Name switch
            {
                "botId" => "The bot about to make the call.",
                "userId" => "The end user it is made for, if any.",
                "tier" => "That user's tier, if any.",
                _ => parameter.Description,
            };
            if (parameter.Schema is OpenApiSchema text)
            {
                (text.MinLength, text.MaxLength) = (1, Features.Usage.UsageEventParser.MaxIdLength);
            }
        }

        return Task.CompletedTask;
    }

    private static async ValueTask<IResult> CheckAsync(
        HttpContext context, HotApiAccess access, IUsageMeter meter, TimeProvider clock, string? botId, string? userId, string? tier)
    {
        if (await access.DeniedAsync(context) is { } denied)
        {
            return denied;
        }

        if (!IsId(botId) || (userId is not null && !IsId(userId)) || (tier is not null && !IsId(tier))
            || SentTwice(context, "botId", botId) || SentTwice(context, "userId", userId) || SentTwice(context, "tier", tier))
        {
            return Invalid(context, botId, userId, tier);
        }

        var decision = meter.Check(context.User.GetAccountId(), botId, userId, tier);
        return new OkJson<CheckResponse>(CheckResponse.From(decision, clock.GetUtcNow()), HotApiJson.Default.CheckResponse);
    }

    private static bool IsId([NotNullWhen(true)] string? value) =>
        !string.IsNullOrEmpty(value) && IdLength.IsWithinMax(value) && !PlainText.HasControlCharacters(value);

    /// <summary>
    /// A parameter given twice binds as its values joined by commas (<c>a,b</c>), which would check a
    /// bot that does not exist. Only a value with a comma can be that, so the usual check never looks.
    /// </summary>
    private static bool SentTwice(HttpContext context, string name, string? value) =>
        value is not null && value.Contains(',', StringComparison.Ordinal) && context.Request.Query[name].Count > 1;

    private static ValidationProblem Invalid(HttpContext context, string? botId, string? userId, string? tier)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsId(botId))
        {
            errors["botId"] = [IdError(botId, $"Required: the bot's id, 1 to {IdLength.Max} characters.")];
        }

        if (userId is not null && !IsId(userId))
        {
            errors["userId"] = [IdError(userId, $"1 to {IdLength.Max} characters.")];
        }

        if (tier is not null && !IsId(tier))
        {
            errors["tier"] = [IdError(tier, $"1 to {IdLength.Max} characters.")];
        }

        foreach (var (name, value) in new[] { ("botId", botId), ("userId", userId), ("tier", tier) })
        {
            if (SentTwice(context, name, value))
            {
                errors[name] = ["Sent twice: give one value."];
            }
        }

        return ApiResults.Invalid(errors, "Nothing was checked: fix the parameters below.");

        static string IdError(string? value, string length) => value is not null && PlainText.HasControlCharacters(value) ? PlainText.ControlCharactersError : length;
    }

    private static async Task<Results<Ok<ItemsResponse<LogItem>>, ValidationProblem>> LogAsync(
        ClaimsPrincipal user, EnforcementLogQueries log, string? botId, string? userId, string? action, string? limit, string? cursor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (action is not null and not ("blocked" or "warned" or "dry_run"))
        {
            errors["action"] = ["One of blocked, warned, dry_run."];
        }

        var (rows, before) = Paging.Parse(limit, cursor, EnforcementLogQueries.MaxPage, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors, "Fix the parameters below.");
        }

        var page = await log.ListAsync(user.GetAccountId(), botId, userId, action, rows, before, ct: ct);
        return TypedResults.Ok(Paging.Items(page, LogItem.From));
    }

    internal sealed record CheckResponse(
        bool Allowed,
        string Action,
        IReadOnlyList<Reason> Reasons,
        DateTimeOffset? PausedUntil,
        int? RetryAfterSeconds,
        IReadOnlyList<BlockItem> Blocks)
    {
        public static CheckResponse From(Decision decision, DateTimeOffset now) => new(
            decision.Allowed, ActionNames.Of(decision.Action), decision.Reasons.Select(e => Reason.From(e, decision.Blocks)).ToList(),
            decision.PausedUntil, decision.RetryAfterSeconds(now), decision.Blocks.Select(BlockItem.From).ToList());
    }

    /// <param name="Action">What this policy alone decides: a block-mode policy over its limit whose block was lifted (a resume) warns.</param>
    /// <param name="Threshold">The highest alert percentage reached, 100 at or over the limit.</param>
    internal sealed record Reason(string PolicyId, string PolicyName, string Scope, string Metric, decimal Value, decimal Limit, decimal Percent, string Window,
        DateTimeOffset? ResetsAt, string Action, int Threshold)
    {
        public static Reason From(PolicyEvaluation e, IReadOnlyList<Block> holding) => new(
            PolicyContract.IdOf(e.Policy.Id), e.Policy.Name, PolicyContract.Name(e.Policy.Scope.Type), PolicyContract.Name(e.Policy.Metric),
            MetricValue.ToApi(e.Policy.Metric, e.Value), MetricValue.ToApi(e.Policy.Metric, e.Policy.Limit), e.Percent, e.Policy.Window.Label, e.ResetsAt,
            ActionNames.Of(EnforcementRules.ActionOf(e, holding)), e.HighestThresholdReached());
    }

    internal sealed record BlockItem(string? PolicyId, string Scope, string? ScopeId, DateTimeOffset? Until, string Reason)
    {
        public static BlockItem From(Block b) => new(
            b.PolicyId is { } id ? PolicyContract.IdOf(id) : null, PolicyContract.Name(b.Target.Type), b.Target.Type == ScopeType.Account ? null : b.Target.Key, b.Until, b.Reason);
    }

    /// <param name="Pause">Set when a manual pause blocked the call, which then has no metric, limit or window: who paused the bot and until when.</param>
    internal sealed record LogItem(string Id, DateTimeOffset Time, string BotId, string? UserId, string Action, decimal Value, decimal Limit, string Metric, string Window,
        string? PolicyId, string PolicyName, int Count, LogPause? Pause)
    {
        public static LogItem From(EnforcementLogRow r)
        {
            var metric = Enum.TryParse<Metric>(r.Metric, ignoreCase: true, out var parsed) ? parsed : Domain.Usage.Metric.Tokens;
            return new(PublicId.Format("enf", r.Id), new DateTimeOffset(r.Time), r.BotKey, r.UserId, r.Action,
                MetricValue.ToApi(metric, r.Value), MetricValue.ToApi(metric, r.Limit), r.Metric, r.Window,
                r.PolicyId is { } id ? PolicyContract.IdOf(id) : null, r.PolicyName, r.Count,
                r.PausedBy is { } by ? new LogPause(by, r.PausedUntil is { } until ? new DateTimeOffset(until) : null) : null);
        }
    }

    /// <param name="By">The member, or the API key, that paused the bot.</param>
    /// <param name="Until">When the pause ends; null: until someone resumes the bot.</param>
    internal sealed record LogPause(string By, DateTimeOffset? Until);
}

/// <summary>Counter values at the API's edge: cost in USD, the rest as counts.</summary>
internal static class MetricValue
{
    public static decimal ToApi(Metric metric, long value) => metric == Metric.Cost ? Money.ToUsd(value) : value;
}
