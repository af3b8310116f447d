using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Persistence;

/// <summary>One page of a list, newest first; <see cref="NextCursor"/> (the last row's id) is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Rows, long? NextCursor)
{
    /// <summary>
    /// Reads one row more than <paramref name="limit"/>: there is a next page only when that row exists, so a list
    /// of exactly <paramref name="limit"/> rows does not send its reader to fetch an empty page.
    /// </summary>
    internal static async Task<Page<T>> ReadAsync(IQueryable<T> newestFirst, int limit, Func<T, long> idOf, CancellationToken ct)
    {
        var rows = await newestFirst.Take(limit + 1).ToListAsync(ct);
        return rows.Count > limit ? new Page<T>(rows[..limit], idOf(rows[limit - 1])) : new Page<T>(rows, null);
    }
}
