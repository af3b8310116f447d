using System.ComponentModel.DataAnnotations;

namespace BudgetHub.Web.Hosting;

/// <summary>The <c>RateLimits</c> section: ingestion's token bucket per API key, webhook source, or account's signed-in members.</summary>
internal sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, int.MaxValue, ErrorMessage = "RateLimits:IngestPerSecond must be a whole number of requests, 1 or more.")]
    public int IngestPerSecond { get; set; } = 20_000;

    /// <summary>How many requests may come at once; default: two seconds' worth.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "RateLimits:IngestBurst must be a whole number of requests, 1 or more.")]
    public int? IngestBurst { get; set; }

    public int Burst => IngestBurst ?? (int)Math.Min(2L * IngestPerSecond, int.MaxValue);
}
