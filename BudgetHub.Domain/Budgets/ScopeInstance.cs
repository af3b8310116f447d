namespace BudgetHub.Domain.Budgets;

/// <summary>
/// The one thing a policy counts and blocks for a given subject: the account, a team, a bot, or
/// one end user (tier templates count and block each user of the tier separately).
/// </summary>
public readonly record struct ScopeInstance(ScopeType Type, string Key)
{
    public static readonly ScopeInstance Account = new(ScopeType.Account, "");

    public override string ToString() => Type == ScopeType.Account ? "account" : $"{Type.ToString().ToLowerInvariant()}:{Key}";
}
