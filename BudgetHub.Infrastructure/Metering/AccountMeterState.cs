using System.Collections.Concurrent;
using System.Collections.Immutable;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>A bot as the meter knows it: its row id and team.</summary>
internal sealed record BotState(long Id, string Key, string? Team);

/// <summary>
/// Everything the meter needs in memory to count and decide for one account. Only the writer
/// replaces these fields; readers see a consistent snapshot of each.
/// </summary>
internal sealed class AccountMeterState(long accountId, TimeZoneInfo zone)
{
    public long AccountId { get; } = accountId;

    public TimeZoneInfo Zone { get; set; } = zone;

    public ImmutableArray<UsagePolicy> Policies { get; set; } = [];

    /// <summary>Blocks not lifted by hand; each still says whether it holds at a given instant.</summary>
    public ImmutableArray<Block> Blocks { get; set; } = [];

    public ConcurrentDictionary<string, BotState> Bots { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<RollingKey, RollingCounter> Rolling { get; } = new();

    /// <summary>The last enforcement-log row per subject and policy, for folding repeats within a minute (writer only).</summary>
    public Dictionary<LogFoldKey, (long RowId, DateTimeOffset At)> LogFold { get; } = [];
}

internal readonly record struct RollingKey(Dimension Dimension, string Key, string Filter, long Seconds);

internal readonly record struct LogFoldKey(string BotKey, string? UserId, string Action, long? PolicyId);
