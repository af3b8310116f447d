using BudgetHub.Domain.Enforcement;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>One validated usage event, as received. Cost in micro-USD when given.</summary>
public sealed record UsageEventInput(
    string Id,
    DateTimeOffset? Timestamp,
    string BotId,
    string? UserId = null,
    string? Tier = null,
    string? Team = null,
    string? Model = null,
    string? Provider = null,
    string? Category = null,
    long InputTokens = 0,
    long CachedInputTokens = 0,
    long OutputTokens = 0,
    long Messages = 0,
    string? ConversationId = null,
    long? CostMicros = null,
    bool Error = false);

public enum EventStatus
{
    Accepted,
    Duplicate,
}

/// <param name="Decision">What decided <see cref="Action"/>: the blocks that hold and the policies reached.</param>
public sealed record EventResult(string Id, EventStatus Status, Decision Decision)
{
    public EnforcementAction Action => Decision.Action;
}

public sealed record IngestOutcome(IReadOnlyList<EventResult> Results)
{
    public int Accepted => Results.Count(r => r.Status == EventStatus.Accepted);

    public int Duplicates => Results.Count(r => r.Status == EventStatus.Duplicate);
}
