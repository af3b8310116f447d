using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>
/// A signed ingestion endpoint, <c>/api/v1/webhooks/{SourceId}</c>. After a rotation the previous
/// secret keeps verifying for a grace period so senders can switch without losing events.
/// </summary>
public sealed class WebhookSource : IAccountOwned
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string SourceId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Secret { get; set; } = "";
    public string? PreviousSecret { get; set; }
    public DateTime? PreviousSecretExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
