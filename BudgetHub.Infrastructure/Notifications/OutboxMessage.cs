using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Notifications;

public enum OutboxChannel
{
    Email,
    Webhook,
}

/// <summary>
/// A message to deliver, written in the same transaction as what caused it. Delivery jobs claim,
/// send and mark it; a failure schedules a retry with backoff. <see cref="DedupeKey"/> is unique.
/// </summary>
public sealed class OutboxMessage : IAccountOwned
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public OutboxChannel Channel { get; set; }
    public string DedupeKey { get; set; } = "";
    public string Recipient { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public string? HtmlBody { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}
