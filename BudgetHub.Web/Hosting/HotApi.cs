using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Web.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BudgetHub.Web.Hosting;

/// <summary>
/// The hot <c>/api/v1</c> endpoints (ingestion and the enforcement check) run straight from routing,
/// skipping the authentication, authorization and rate-limiting middleware: measured here, that
/// middleware cost as much as the endpoints' own work. <see cref="HotApiAccess"/> does their part inline.
/// </summary>
internal static class HotApi
{
    /// <summary>
    /// The group of hot endpoints. Each one checks its caller itself, first thing: account members with
    /// <see cref="HotApiAccess.DeniedAsync"/> (an endpoint filter doing it for the group cost the
    /// enforcement check a tenth of its time), signed webhooks with their signature.
    /// </summary>
    public static RouteGroupBuilder MapHotApi(this IEndpointRouteBuilder endpoints)
    {
        var hot = endpoints.MapGroup("/api/v1");
        hot.ShortCircuit();
        return hot;
    }

    public static IServiceCollection AddHotApiAccess(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new HotApiAccess(
            sp.GetRequiredService<ApiKeyService>(), sp.GetRequiredService<ILogger<HotApiAccess>>(), sp.GetRequiredService<IOptions<RateLimitOptions>>().Value));
        return services;
    }
}

/// <summary>
/// What the middleware does for the other endpoints, for the hot ones: the caller must be a member
/// of an account (API key or sign-in cookie), and ingestion is limited per API key, webhook source, or
/// account for its signed-in members, by a token bucket (429 with Retry-After and who is limited beyond it).
/// </summary>
internal sealed class HotApiAccess(ApiKeyService apiKeys, ILogger<HotApiAccess> logger, RateLimitOptions limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _ingestion = PartitionedRateLimiter.Create<string, string>(partition =>
        RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.Burst,
            TokensPerPeriod = limits.IngestPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <returns>null for a member of an account (then <see cref="HttpContext.User"/> is theirs), else the 401/403 to answer with.</returns>
    public async ValueTask<IResult?> DeniedAsync(HttpContext context)
    {
        // An API key is checked here directly: the default scheme would give the same answer, by way
        // of a request scope and the authentication service.
        if (ApiKeyOrCookieHandler.SendsApiKeyIn(context.Request))
        {
            var identity = await ApiKeyOrCookieHandler.IdentifyKeyAsync(apiKeys, logger, context.Request);
            if (identity is null)
            {
                return await ChallengedAsync(context, authenticated: false);
            }

            context.User = identity.Principal;
            return null;
        }

        var result = await context.AuthenticateAsync();
        if (result.Principal?.FindAccountId() is null)
        {
            return await ChallengedAsync(context, result.Succeeded);
        }

        context.User = result.Principal;
        return null;
    }

    /// <returns>
    /// The 403 problem for a signed-in member who may only read (sending usage takes an API key, or
    /// the Owner or Admin role who manage keys), the 429 problem when the caller is over its
    /// ingestion rate, else null.
    /// </returns>
    public IResult? Ingestion(HttpContext context)
    {
        var keyId = context.User.FindFirstValue(AccountClaims.ApiKeyId);
        if (keyId is null
            && context.User.FindAccountId() is not null
            && context.User.FindRole() is not (MemberRole.Owner or MemberRole.Admin))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "Your role may read usage but not send it. Send usage with an API key, or ask an Owner or Admin.");
        }

        var source = context.Request.RouteValues["sourceId"] as string;
        var partition = keyId
            ?? (source is not null ? "source:" + source : null)
            ?? "account:" + context.User.FindAccountId()?.ToString(CultureInfo.InvariantCulture);
        using var lease = _ingestion.AttemptAcquire(partition);
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"{OverTheRate(context.User, keyId, source)} more than {limits.IngestPerSecond} {(limits.IngestPerSecond == 1 ? "request" : "requests")} per second. "
                + $"Retry after {retryAfter} s, or batch events (up to 1000 per request){((keyId ?? source) is null ? "; an API key has a limit of its own" : "")}.");
    }

    /// <summary>Who is limited: the API key, the webhook source, or the account's signed-in members, who share one limit.</summary>
    private static string OverTheRate(ClaimsPrincipal user, string? keyId, string? source) =>
        keyId is not null ? $"The API key \"{user.FindFirstValue(AccountClaims.ApiKeyName)}\" ({keyId}) sends"
        : source is not null ? $"The webhook source \"{source}\" sends"
        : "This account's signed-in members together send";

    public void Dispose() => _ingestion.Dispose();

    /// <summary>
    /// The default scheme writes the answer (401 problem details for API callers, 403 for a signed-in
    /// non-member); the endpoint then adds nothing.
    /// </summary>
    private static async Task<IResult> ChallengedAsync(HttpContext context, bool authenticated)
    {
        if (authenticated)
        {
            await context.ForbidAsync();
        }
        else
        {
            await context.ChallengeAsync();
        }

        return Results.Empty;
    }
}
