using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>A bearer key for the API. Only its SHA-256 hash and a visible prefix are kept.</summary>
public sealed class ApiKey : IAccountOwned
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string Hash { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
