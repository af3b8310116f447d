using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Persistence;

internal static class ImmediateTransaction
{
    /// <summary>
    /// BEGIN IMMEDIATE: a check and the write it allows hold the write lock together, so two people changing the
    /// same thing at once cannot both pass the check (a deferred read-then-write would also fail with SQLITE_BUSY).
    /// </summary>
    public static async Task<SqliteTransaction> BeginImmediateTransactionAsync(this BudgetHubDbContext context, CancellationToken ct)
    {
        await context.Database.OpenConnectionAsync(ct);
        var transaction = ((SqliteConnection)context.Database.GetDbConnection()).BeginTransaction(deferred: false);
        await context.Database.UseTransactionAsync(transaction, ct);
        return transaction;
    }
}
