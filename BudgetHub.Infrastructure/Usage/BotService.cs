using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Usage;

/// <summary>Bots as people list them, and their usage of today and this month from memory.</summary>
public sealed class BotService(AccountDb db, IUsageMeter meter)
{
    public async Task<IReadOnlyList<Bot>> ListAsync(long accountId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        return await context.Bots.AsNoTracking().OrderBy(b => b.Key).ToListAsync(ct);
    }

    public async Task<Bot?> FindAsync(long accountId, string botKey, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        return await context.Bots.AsNoTracking().FirstOrDefaultAsync(b => b.Key == botKey, ct);
    }

    public async Task<bool> UpdateAsync(long accountId, string botKey, string name, string? team, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var updated = await context.Bots.Where(b => b.Key == botKey)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Name, name.Trim()).SetProperty(b => b.Team, string.IsNullOrWhiteSpace(team) ? null : team.Trim()), ct) > 0;
        if (updated)
        {
            await meter.RefreshAsync(accountId, ct);
        }

        return updated;
    }
}
