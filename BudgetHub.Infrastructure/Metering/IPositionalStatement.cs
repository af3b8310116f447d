namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// One of the meter writer's statements, prepared once on its connection and bound by position
/// (<c>?1</c>, <c>?2</c>, …): raw sqlite3 statements on SQLite, prepared Npgsql commands on PostgreSQL.
/// </summary>
internal interface IPositionalStatement : IDisposable
{
    IPositionalStatement Bind(int position, long value);

    IPositionalStatement Bind(int position, long? value);

    IPositionalStatement Bind(int position, bool value);

    IPositionalStatement Bind(int position, string? value);

    /// <summary>A time, stored as EF Core stores it (UTC).</summary>
    IPositionalStatement Bind(int position, DateTimeOffset value);

    IPositionalStatement Bind(int position, DateTimeOffset? value);

    /// <returns>The number of rows changed.</returns>
    int Execute();

    /// <summary>
    /// Runs an <c>INSERT … ON CONFLICT DO NOTHING</c> written with <see cref="IMeterConnection.ReturningId"/>.
    /// </summary>
    /// <returns>The new row's id; null when the insert did nothing.</returns>
    long? ExecuteInsert();

    /// <summary>Runs a statement with <c>RETURNING</c> a row id (and a text).</summary>
    (long Id, string? Text) ExecuteReturning();
}
