using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>An in-app message to one member (the bell), usually about an alert.</summary>
public sealed class InAppNotification : IAccountOwned
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string UserId { get; set; } = "";
    public long? AlertId { get; set; }
    public Severity Severity { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string? Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
