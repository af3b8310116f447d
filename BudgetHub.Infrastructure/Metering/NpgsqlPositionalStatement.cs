using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// A statement of the meter writer on PostgreSQL: one Npgsql command per statement, its parameters
/// typed by the first binding and the command prepared on its first execution (server-side, so each
/// later execution sends only the values). <c>?1</c> in the shared SQL becomes PostgreSQL's <c>$1</c>.
/// </summary>
internal sealed partial class NpgsqlPositionalStatement : IPositionalStatement
{
    private readonly NpgsqlCommand _command;

    public NpgsqlPositionalStatement(NpgsqlConnection connection, string sql)
    {
        var positions = Position().Matches(sql).Select(m => int.Parse(m.Groups[1].ValueSpan, provider: null)).DefaultIfEmpty(0).Max();
        _command = new NpgsqlCommand(Position().Replace(sql, "$$$1"), connection);
        for (var i = 0; i < positions; i++)
        {
            _command.Parameters.Add(new NpgsqlParameter());
        }
    }

    public IPositionalStatement Bind(int position, long value) => Set(position, NpgsqlDbType.Bigint, value);

    public IPositionalStatement Bind(int position, long? value) => Set(position, NpgsqlDbType.Bigint, value);

    public IPositionalStatement Bind(int position, bool value) => Set(position, NpgsqlDbType.Boolean, value);

    public IPositionalStatement Bind(int position, string? value) => Set(position, NpgsqlDbType.Text, value);

    public IPositionalStatement Bind(int position, DateTimeOffset value) => Set(position, NpgsqlDbType.TimestampTz, value.UtcDateTime);

    public IPositionalStatement Bind(int position, DateTimeOffset? value) => Set(position, NpgsqlDbType.TimestampTz, value?.UtcDateTime);

    private NpgsqlPositionalStatement Set(int position, NpgsqlDbType type, object? value)
    {
        var parameter = _command.Parameters[position - 1];
        parameter.NpgsqlDbType = type;
        parameter.Value = value ?? DBNull.Value;
        return this;
    }

    public int Execute() => Prepared().ExecuteNonQuery();

    public long? ExecuteInsert()
    {
        using var reader = Prepared().ExecuteReader();
        return reader.Read() ? reader.GetInt64(0) : null;
    }

    public (long Id, string? Text) ExecuteReturning()
    {
        using var reader = Prepared().ExecuteReader();
        return !reader.Read() ? throw new InvalidOperationException("The statement returned no row.")
            : (reader.GetInt64(0), reader.FieldCount < 2 || reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private NpgsqlCommand Prepared()
    {
        if (!_command.IsPrepared)
        {
            _command.Prepare();
        }

        return _command;
    }

    public void Dispose() => _command.Dispose();

    [GeneratedRegex(@"\?(\d+)")]
    private static partial Regex Position();
}
