using System.Data.Common;
using BudgetHub.Infrastructure.Metering;
using Microsoft.Data.Sqlite;

namespace BudgetHub.Infrastructure.Persistence;

/// <summary>
/// Commands and values for the hand-written SQL that runs on both providers: parameters are named
/// <c>@name</c>, and times are SQLite's text or PostgreSQL's <c>timestamptz</c>, each as EF Core stores them.
/// </summary>
internal static class HandSql
{
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static object Time(DbConnection connection, DateTimeOffset value) =>
        connection is SqliteConnection ? SqliteText.Time(value) : value.UtcDateTime;

    public static object? Time(DbConnection connection, DateTimeOffset? value) => value is { } time ? Time(connection, time) : null;

    public static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) is string text ? SqliteText.ParseTime(text) : new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    public static string? TextOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
