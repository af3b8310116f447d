using System.Collections.Concurrent;
using System.Collections.Immutable;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
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
    private readonly CalendarCache _calendar = new(zone);

    public long AccountId { get; } = accountId;

    public TimeZoneInfo Zone
    {
        get => _calendar.Zone;
        set => _calendar.Zone = value;
    }

    public PolicySet Policies { get; set; } = PolicySet.Empty;

    /// <summary>The calendar window containing <paramref name="at"/>, remembered until it ends.</summary>
    public WindowBounds Calendar(CalendarUnit unit, DateTimeOffset at) => _calendar.Containing(unit, at);

    /// <summary>Blocks not lifted by hand; each still says whether it holds at a given instant.</summary>
    public ImmutableArray<Block> Blocks { get; set; } = [];

    public ConcurrentDictionary<string, BotState> Bots { get; } = new(StringComparer.Ordinal);

    /// <summary>How each policy notifies, by policy id.</summary>
    public IReadOnlyDictionary<long, Notifications.PolicyChannels> Channels { get; set; } = new Dictionary<long, Notifications.PolicyChannels>();

    /// <summary>The highest threshold already alerted per policy and scope, in which window (writer only; the database's unique key is the truth).</summary>
    public Dictionary<(long PolicyId, ScopeInstance Scope), (long WindowStart, int Threshold)> Alerted { get; } = [];

    public ConcurrentDictionary<RollingKey, RollingCounter> Rolling { get; } = new();

    /// <summary>Counted in memory, not yet stored (writer only).</summary>
    public PendingCounters PendingCounters { get; } = new();

    /// <summary>Conversations already stored, so their later events skip the insert (writer only).</summary>
    public KnownConversations KnownConversations { get; } = new();

    /// <summary>The last enforcement-log row per subject and policy, for folding repeats within a minute (writer only).</summary>
    public Dictionary<LogFoldKey, (long RowId, DateTimeOffset At)> LogFold { get; } = [];

    public ChecksToLog ChecksToLog { get; } = new();
}

/// <summary>
/// Conversation ids known to be stored: most events continue a conversation, and a lookup here
/// is cheaper than an insert that conflicts. Forgotten all at once when full. A failed commit
/// reloads the account's state, and this with it, so it never holds a conversation rolled back.
/// </summary>
internal sealed class KnownConversations
{
    private const int Capacity = 100_000;
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public bool Contains(string conversationId) => _ids.Contains(conversationId);

    public void Add(string conversationId)
    {
        if (_ids.Count >= Capacity)
        {
            _ids.Clear();
        }

        _ids.Add(conversationId);
    }
}

internal readonly record struct RollingKey(Dimension Dimension, string Key, string Filter, long Seconds);

/// <param name="PauseId">The manual pause's block, for a row of a call it blocked.</param>
internal readonly record struct LogFoldKey(string BotKey, string? UserId, string Action, long? PolicyId, long? PauseId = null);

/// <summary>
/// Calendar windows are asked for on every event and check; time-zone arithmetic is not free, so
/// each unit's current window is kept until an instant falls outside it.
/// </summary>
internal sealed class CalendarCache(TimeZoneInfo zone)
{
    private readonly WindowHolder?[] _current = new WindowHolder?[4];
    private TimeZoneInfo _zone = zone;

    public TimeZoneInfo Zone
    {
        get => _zone;
        set
        {
            _zone = value;
            Array.Clear(_current);
        }
    }

    public WindowBounds Containing(CalendarUnit unit, DateTimeOffset at)
    {
        var cached = _current[(int)unit];
        if (cached is not null && cached.Bounds.Contains(at))
        {
            return cached.Bounds;
        }

        var bounds = CalendarWindows.Containing(unit, at, _zone);
        if (cached is null || bounds.Start > cached.Bounds.Start)
        {
            _current[(int)unit] = new WindowHolder(bounds);
        }

        return bounds;
    }

    private sealed record WindowHolder(WindowBounds Bounds);
}
