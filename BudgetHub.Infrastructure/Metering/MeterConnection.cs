using System.Data;
using System.Data.Common;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// The meter writer's own connection, and what differs between the providers in the SQL it writes by hand.
/// One transaction per commit on either.
/// </summary>
internal interface IMeterConnection : IDisposable
{
    DbConnection Connection { get; }

    /// <summary>The larger of two values: <c>max(a, b)</c> in SQLite, <c>greatest(a, b)</c> in PostgreSQL.</summary>
    string Greatest { get; }

    /// <summary>What an insert that <see cref="IPositionalStatement.ExecuteInsert"/> runs ends with.</summary>
    string ReturningId { get; }

    /// <summary>After <c>FROM table AS alias</c>: a scan in row-id order, where SQLite would pick an index.</summary>
    string NotIndexed { get; }

    IPositionalStatement Prepare(string sql);

    DbTransaction BeginTransaction();

    /// <summary>Called after each commit of ingested work.</summary>
    void Committed();
}

/// <summary>Opens the meter writer's connection to the configured database.</summary>
internal interface IMeterConnections
{
    IMeterConnection Open();
}

internal sealed class SqliteMeterConnections(DatabaseLocation database, WalCheckpointer checkpoints) : IMeterConnections
{
    public IMeterConnection Open() => new SqliteMeterConnection((SqliteConnection)database.Open(), checkpoints);
}

internal sealed class NpgsqlMeterConnections(DatabaseLocation database) : IMeterConnections
{
    public IMeterConnection Open() => new NpgsqlMeterConnection((NpgsqlConnection)database.Open());
}

internal sealed class SqliteMeterConnection : IMeterConnection
{
    private readonly SqliteConnection _connection;
    private readonly WalCheckpointer _checkpoints;

    public SqliteMeterConnection(SqliteConnection connection, WalCheckpointer checkpoints)
    {
        _connection = connection;
        _checkpoints = checkpoints;
        SqlitePragmas.LimitCacheForWrites(connection);
    }

    public DbConnection Connection => _connection;

    public string Greatest => "max";

    public string ReturningId => "";

    public string NotIndexed => " NOT INDEXED";

    public IPositionalStatement Prepare(string sql) => new PositionalStatement(_connection, sql);

    /// <summary>BEGIN IMMEDIATE: the writer never waits to upgrade a read lock.</summary>
    public DbTransaction BeginTransaction() => _connection.BeginTransaction(deferred: false);

    public void Committed() => _checkpoints.Nudge();

    public void Dispose() => _connection.Dispose();
}

internal sealed class NpgsqlMeterConnection(NpgsqlConnection connection) : IMeterConnection
{
    public DbConnection Connection => connection;

    public string Greatest => "greatest";

    public string ReturningId => " RETURNING Id";

    public string NotIndexed => "";

    public IPositionalStatement Prepare(string sql) => new NpgsqlPositionalStatement(connection, sql);

    /// <summary>
    /// A connection that broke (the server restarted, the network failed) failed the commit that found
    /// out: it is opened again for the next one, whose statements then prepare again.
    /// </summary>
    public DbTransaction BeginTransaction()
    {
        if (connection.State != ConnectionState.Open)
        {
            connection.Close();
            connection.Open();
        }

        return connection.BeginTransaction();
    }

    public void Committed()
    {
    }

    public void Dispose() => connection.Dispose();
}
