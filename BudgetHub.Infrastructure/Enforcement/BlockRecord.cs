using BudgetHub.Domain.Budgets;
using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Enforcement;

/// <summary>A stored block (or manual pause when <see cref="PolicyId"/> is null) and how it ended.</summary>
public sealed class BlockRecord : IAccountOwned
{
    /// <summary>The <see cref="LiftedBy"/> of a block lifted because a change of its policy means it no longer holds.</summary>
    public const string LiftedByPolicyChange = "policy change";

    public long Id { get; set; }
    public long AccountId { get; set; }
    public long? PolicyId { get; set; }
    public ScopeType TargetType { get; set; }
    public string TargetKey { get; set; } = "";
    public DateTime? Until { get; set; }
    public string Reason { get; set; } = "";

    /// <summary>Who paused the bot by hand; null for a policy's block.</summary>
    public string? PausedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LiftedAt { get; set; }
    public string? LiftedBy { get; set; }
}
