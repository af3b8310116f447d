using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Web.Features.Usage;
using Microsoft.AspNetCore.RateLimiting;

namespace BudgetHub.Web.Hosting;

/// <summary>Per-key limits on ingestion: a token bucket per API key or webhook source, 429 with Retry-After beyond it.</summary>
internal static class RateLimiting
{
    public static IServiceCollection AddIngestionRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perSecond = configuration.GetValue("RateLimits:IngestPerSecond", 20_000);
        var burst = configuration.GetValue("RateLimits:IngestBurst", perSecond * 2);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(IngestionEndpoints.RateLimitPolicy, context => RateLimitPartition.GetTokenBucketLimiter(
                PartitionOf(context),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This key sends more than {perSecond} requests per second. Retry after {retryAfter} s, or batch events (up to 1000 per request).");
            };
        });
        return services;
    }

    private static string PartitionOf(HttpContext context) =>
        context.User.FindFirstValue(AccountClaims.ApiKeyId)
        ?? (context.Request.RouteValues["sourceId"] is string source ? "source:" + source : null)
        ?? "account:" + context.User.FindAccountId()?.ToString(CultureInfo.InvariantCulture);
}
