using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Usage;

/// <summary>
/// A persisted counter bucket: the sums of one dimension value (a bot, a model, ...) in one
/// calendar hour/day/week/month of the account's time zone, or one UTC minute for rolling windows.
/// These totals outlive the raw events that retention prunes.
/// </summary>
public sealed class UsageCounterRow : IAccountOwned
{
    public long AccountId { get; set; }
    public string Dimension { get; set; } = "";
    public string DimensionKey { get; set; } = "";
    public string Filter { get; set; } = "";
    public string Granularity { get; set; } = "";

    /// <summary>Unix seconds (UTC) of the bucket's start.</summary>
    public long BucketStart { get; set; }
    public long Tokens { get; set; }
    public long Messages { get; set; }
    public long Conversations { get; set; }
    public long CostMicros { get; set; }
    public long Calls { get; set; }
    public long Errors { get; set; }
    public long UnpricedCalls { get; set; }
}
