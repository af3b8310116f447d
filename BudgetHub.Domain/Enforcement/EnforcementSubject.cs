namespace BudgetHub.Domain.Enforcement;

/// <summary>Who a decision is about: a bot (with its team) and, optionally, one end user of a tier.</summary>
public sealed record EnforcementSubject(string BotId, string? Team, string? UserId, string? Tier, string? Model = null, string? Category = null);
