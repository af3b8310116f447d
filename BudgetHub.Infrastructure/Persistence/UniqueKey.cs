using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetHub.Infrastructure.Persistence;

internal static class UniqueKey
{
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>
    /// Whether a save failed because a row with the same unique key exists: SQLite's extended codes for a unique or
    /// primary key (its plain code 19 is any constraint: NOT NULL, CHECK, a foreign key, a trigger), PostgreSQL's 23505.
    /// </summary>
    public static bool IsViolatedBy(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
