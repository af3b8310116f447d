using SQLitePCL;

namespace BudgetHub.Infrastructure.Persistence;

/// <summary>
/// Process-wide SQLite settings, which SQLite accepts only before its first connection opens.
/// Both take locks off every statement: the ingestion writer spent 4–6% of its time in SQLite's
/// mutexes (perf), and without them batches ingest 4–6% faster (alternating runs).
/// </summary>
internal static class SqliteEngine
{
    private static readonly Lazy<bool> Configured = new(ConfigureOnce);

    /// <returns>false when a connection had already opened, so the defaults stay (it is only an optimization).</returns>
    public static bool Configure() => Configured.Value;

    private static bool ConfigureOnce()
    {
        Batteries_V2.Init();

        // No memory statistics: with them every allocation inside SQLite takes a global lock.
        var memoryStatistics = raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);

        // Multi-thread, not serialized: a connection locks nothing of its own, which is safe because no
        // connection is ever used by two threads at once (ADO.NET connections are not thread-safe,
        // EF Core refuses concurrent use of a context, and the meter's writer owns its connection).
        var threading = raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD);
        return memoryStatistics == raw.SQLITE_OK && threading == raw.SQLITE_OK;
    }
}
