using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Persistence;

internal static class ImmediateTransaction
{
    /// <summary>Any number: the PostgreSQL advisory lock that these transactions take in turn.</summary>
    private const long PostgresLockKey = 0x4275_6467_6574;

    /// <summary>
    /// BEGIN IMMEDIATE: a check and the write it allows hold the write lock together, so two people changing the
    /// same thing at once cannot both pass the check (a deferred read-then-write would also fail with SQLITE_BUSY).
    /// On PostgreSQL, a transaction-scoped advisory lock serializes these transactions in the same way.
    /// </summary>
    public static async Task<DbTransaction> BeginImmediateTransactionAsync(this BudgetHubDbContext context, CancellationToken ct)
    {
        await context.Database.OpenConnectionAsync(ct);
        var connection = context.Database.GetDbConnection();
        var transaction = connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : await connection.BeginTransactionAsync(ct);
        await context.Database.UseTransactionAsync(transaction, ct);
        if (transaction is not SqliteTransaction)
        {
            await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);
        }

        return transaction;
    }

    /// <summary>
    /// Runs <paramref name="write"/> in one immediate transaction and commits it: every write it makes is kept, or none
    /// when it throws. What it only read (an early answer) commits nothing.
    /// </summary>
    public static async Task<T> WriteAtomicallyAsync<T>(this BudgetHubDbContext context, Func<Task<T>> write, CancellationToken ct)
    {
        await using var transaction = await context.BeginImmediateTransactionAsync(ct);
        var result = await write();
        await transaction.CommitAsync(ct);
        return result;
    }
}
