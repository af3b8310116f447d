using Microsoft.Data.Sqlite;
using Npgsql;

namespace BudgetHub.Infrastructure.Persistence;

/// <summary>
/// Held for the app's lifetime so that a second instance on the same database stops at start-up:
/// each instance counts in memory and answers the enforcement check from there, so two would each
/// see only their own share of the usage.
/// </summary>
/// <remarks>
/// SQLite: an exclusive lock on a file beside the database (.NET takes it with flock, which the
/// kernel drops when the process dies, so a killed app starts again). PostgreSQL: a session-level
/// advisory lock on a connection kept open, dropped with that connection (also when the server
/// restarts: the running app goes on, and the lock is taken again at its next start).
/// </remarks>
public sealed class InstanceLock(DatabaseLocation database) : IDisposable
{
    /// <summary>Any number other than <see cref="ImmediateTransaction"/>'s.</summary>
    private const long PostgresLockKey = 0x42_48_49_4E_53_54; // "BHINST"

    private IDisposable? _held;

    public void Acquire()
    {
        if (_held is not null)
        {
            return;
        }

        _held = database.Provider == StorageProvider.Postgres ? LockPostgres() : LockSqliteFile();
    }

    private FileStream? LockSqliteFile()
    {
        var source = new SqliteConnectionStringBuilder(database.ConnectionString);
        if (source.Mode == SqliteOpenMode.Memory || source.DataSource is "" or ":memory:")
        {
            return null;
        }

        var path = Path.GetFullPath(source.DataSource) + ".instance";
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw AlreadyInUse(source.DataSource);
        }
    }

    private NpgsqlConnection LockPostgres()
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({PostgresLockKey})", connection);
        if (command.ExecuteScalar() is true)
        {
            return connection;
        }

        var name = connection.Database;
        connection.Dispose();
        throw AlreadyInUse($"PostgreSQL database \"{name}\" on {connection.Host}");
    }

    private static InvalidOperationException AlreadyInUse(string what) => new(
        $"Another BudgetHub instance is using {what}. BudgetHub runs one instance per database: "
        + "stop the other one, or point ConnectionStrings:BudgetHub at another database.");

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }
}
