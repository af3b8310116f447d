using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Usage;

/// <summary>One stored usage event. Unique per account by <see cref="EventId"/> (the idempotency key).</summary>
public sealed class UsageEventRecord : IAccountOwned
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string EventId { get; set; } = "";
    public DateTime Timestamp { get; set; }
    public DateTime ReceivedAt { get; set; }
    public string BotKey { get; set; } = "";
    public string? UserId { get; set; }
    public string? Tier { get; set; }

    /// <summary>The team the event counted toward: its bot's (see the meter's EventRecorder), not always the one the event named.</summary>
    public string? Team { get; set; }
    public string? Model { get; set; }
    public string? Provider { get; set; }
    public string? Category { get; set; }
    public long InputTokens { get; set; }
    public long CachedInputTokens { get; set; }
    public long OutputTokens { get; set; }
    public long Messages { get; set; }
    public string? ConversationId { get; set; }
    public long CostMicros { get; set; }

    /// <summary>False when no cost was given and the model has no price: the event cost 0.</summary>
    public bool Priced { get; set; }
    public bool IsError { get; set; }
}
