using BudgetHub.Domain.Budgets;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;

namespace BudgetHub.Web.Features.Budgets;

/// <summary>The teams, bots, tiers and users the account has seen, to complete a scope id as it is typed.</summary>
public sealed class ScopeSuggestions
{
    /// <summary>How far back usage is read to find tiers and users.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(31);

    private readonly Dictionary<ScopeType, IReadOnlyList<string>> _keys;

    private ScopeSuggestions(Dictionary<ScopeType, IReadOnlyList<string>> keys) => _keys = keys;

    public static readonly ScopeSuggestions Empty = new([]);

    public static async Task<ScopeSuggestions> LoadAsync(BotService bots, UsageQueries usage, long accountId, DateTimeOffset now, CancellationToken ct = default)
    {
        var botRows = await bots.ListAsync(accountId, ct);
        var tiers = await usage.SummarizeAsync(accountId, now - Lookback, now.AddHours(1), Dimension.Tier, interval: null, ct: ct);
        var users = await usage.SummarizeAsync(accountId, now - Lookback, now.AddHours(1), Dimension.User, interval: null, ct: ct);
        return new ScopeSuggestions(new Dictionary<ScopeType, IReadOnlyList<string>>
        {
            [ScopeType.Bot] = botRows.Select(b => b.Key).ToList(),
            [ScopeType.Team] = botRows.Select(b => b.Team).OfType<string>().Distinct().Order().ToList(),
            [ScopeType.Tier] = tiers.Groups.Where(g => !g.IsNone).Select(g => g.Key).Order().ToList(),
            [ScopeType.User] = users.Groups.Where(g => !g.IsNone).Select(g => g.Key).ToList(),
        });
    }

    /// <summary>Known keys of the scope that contain <paramref name="text"/>, busiest users first, at most <paramref name="max"/>.</summary>
    public IEnumerable<string> Search(ScopeType type, string? text, int max = 50)
    {
        var keys = _keys.TryGetValue(type, out var known) ? known : [];
        return (string.IsNullOrWhiteSpace(text) ? keys : keys.Where(k => k.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase))).Take(max);
    }
}
