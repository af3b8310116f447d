using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Notifications;

public enum AlertKind
{
    /// <summary>A threshold (or 100%) reached.</summary>
    Threshold,

    /// <summary>The burn rate projects the window's end past the limit.</summary>
    Forecast,
}

/// <summary>
/// A threshold crossed by one policy for one scope in one window. The unique key (policy, scope,
/// window, threshold, kind) makes it happen once, however many events cross it and however often
/// a job runs.
/// </summary>
public sealed class AlertRecord : IAccountOwned
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long PolicyId { get; set; }
    public string PolicyName { get; set; } = "";
    public AlertKind Kind { get; set; }
    public ScopeType ScopeType { get; set; }
    public string ScopeKey { get; set; } = "";
    public string? BotKey { get; set; }
    public string? UserId { get; set; }
    public string Metric { get; set; } = "";
    public string Window { get; set; } = "";
    public DateTime WindowStart { get; set; }
    public DateTime WindowEnd { get; set; }
    public int Threshold { get; set; }
    public Severity Severity { get; set; }
    public long Value { get; set; }
    public long Limit { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTime? ResolvedAt { get; set; }
}
