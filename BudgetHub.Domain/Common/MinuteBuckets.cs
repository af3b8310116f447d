namespace BudgetHub.Domain.Common;

/// <summary>Rolling windows count in UTC minute buckets.</summary>
public static class MinuteBuckets
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    public static DateTimeOffset StartOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }
}
