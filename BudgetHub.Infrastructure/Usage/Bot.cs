using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Usage;

/// <summary>Anything that consumes AI usage. Created the first time an event names it.</summary>
public sealed class Bot : IAccountOwned
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Team { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }

    /// <summary>Set when a person pauses the bot; null <see cref="PausedUntil"/> with a reason means until resumed.</summary>
    public DateTime? PausedAt { get; set; }
    public DateTime? PausedUntil { get; set; }
    public string? PauseReason { get; set; }
}
