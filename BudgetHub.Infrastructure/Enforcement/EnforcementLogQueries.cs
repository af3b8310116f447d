using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Enforcement;

/// <summary>The enforcement log, newest first, filtered and paged by row id.</summary>
public sealed class EnforcementLogQueries(AccountDb db)
{
    public const int MaxPage = 500;

    /// <param name="userIdStartsWith">The page's search box: <paramref name="userId"/> is the start of the ids wanted, in any case.</param>
    public async Task<Page<EnforcementLogRow>> ListAsync(long accountId, string? botKey, string? userId, string? action, int limit, long? before,
        bool userIdStartsWith = false, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, MaxPage);
        await using var context = db.For(accountId);
        var query = context.EnforcementLog.AsNoTracking();
        if (botKey is not null)
        {
            query = query.Where(l => l.BotKey == botKey);
        }

        if (userId is not null)
        {
            query = userIdStartsWith
                ? query.Where(PrefixSearch.Where<EnforcementLogRow>(context, userId, (l, startsWith) => startsWith(l.UserId)))
                : query.Where(l => l.UserId == userId);
        }

        if (action is not null)
        {
            query = query.Where(l => l.Action == action);
        }

        if (before is { } cursor)
        {
            query = query.Where(l => l.Id < cursor);
        }

        return await Page<EnforcementLogRow>.ReadAsync(query.OrderByDescending(l => l.Id), limit, l => l.Id, ct);
    }
}
