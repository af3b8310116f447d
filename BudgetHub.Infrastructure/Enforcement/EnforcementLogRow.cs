using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Enforcement;

/// <summary>One row of the enforcement log. Repeats within a minute fold into <see cref="Count"/>.</summary>
public sealed class EnforcementLogRow : IAccountOwned
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public DateTime Time { get; set; }
    public DateTime LastAt { get; set; }
    public string BotKey { get; set; } = "";
    public string? UserId { get; set; }

    /// <summary>blocked, warned or dry_run.</summary>
    public string Action { get; set; } = "";
    public long Value { get; set; }
    public long Limit { get; set; }
    public string Metric { get; set; } = "";
    public string Window { get; set; } = "";
    public long? PolicyId { get; set; }
    public string PolicyName { get; set; } = "";
    public int Count { get; set; } = 1;

    /// <summary>Set for a call blocked by a manual pause (which has no metric, limit or window): who paused the bot.</summary>
    public string? PausedBy { get; set; }

    /// <summary>The end of that pause; null with <see cref="PausedBy"/>: until someone resumes the bot.</summary>
    public DateTime? PausedUntil { get; set; }
}
