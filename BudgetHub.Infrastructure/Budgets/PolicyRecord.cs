using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Budgets;

public enum PolicyKind
{
    Usage,
    Retention,
}

/// <summary>A stored policy: a usage policy (budget, cap, tier template, override) or a retention policy.</summary>
public sealed class PolicyRecord : IAccountOwned
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string Name { get; set; } = "";
    public PolicyKind Kind { get; set; }
    public ScopeType ScopeType { get; set; }
    public string ScopeKey { get; set; } = "";
    public Metric Metric { get; set; }

    /// <summary>The limit; micro-USD for cost.</summary>
    public long Limit { get; set; }

    /// <summary>"hour", "day", "week", "month", or null for a rolling window.</summary>
    public string? WindowUnit { get; set; }
    public long? RollingSeconds { get; set; }
    public string Thresholds { get; set; } = "80";
    public PolicyAction Action { get; set; }
    public long? BlockForSeconds { get; set; }

    /// <summary>Without <see cref="BlockForSeconds"/>: a block holds until a person resumes what it blocks, not until the window resets.</summary>
    public bool BlockUntilResumed { get; set; }
    public bool NotifyEmail { get; set; }
    public string NotifyRecipients { get; set; } = "";
    public bool NotifyInApp { get; set; }
    public string? WebhookUrl { get; set; }
    public string? FilterModel { get; set; }
    public string? FilterCategory { get; set; }
    public long? MaxAgeSeconds { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    /// <summary>Retention: when the job last ran for this policy, and what it removed then.</summary>
    public DateTime? LastRunAt { get; set; }
    public long LastRunDeleted { get; set; }
}
