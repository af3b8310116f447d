using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BudgetHub.Infrastructure.Persistence;

/// <summary>
/// Copies the WAL back into the database file on a thread and connection of its own, after each of
/// the ingestion writer's commits. A passive checkpoint never blocks the writer.
/// SQLite's automatic checkpoint still runs in whichever commit takes the WAL past 1,000 pages (about
/// every fourth commit of a batch load), but finds all but the last commit's pages copied already,
/// and once it completes, the writer's next commit starts the WAL again from its beginning. Before,
/// that commit copied all 1,000 pages itself: a commit's p90 was 27 ms against a p50 of 16 ms, and
/// every request queued behind it waited (batch p99 65-70 ms, now 50-64 ms; BENCHMARKS.md).
/// </summary>
internal sealed class WalCheckpointer(DatabaseLocation database, ILogger<WalCheckpointer> logger) : IHostedService, IDisposable
{
    /// <summary>At most this often: each checkpoint syncs the files, and a single-event load commits thousands of times a second.</summary>
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(10);

    private readonly AutoResetEvent _due = new(false);
    private readonly ManualResetEvent _stopping = new(false);
    private Thread? _thread;

    /// <summary>Asks for a checkpoint soon; cheap, and safe to call after every commit.</summary>
    public void Nudge() => _due.Set();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "WAL checkpoints" };
        _thread.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Set();
        _thread?.Join();
        return Task.CompletedTask;
    }

    private void Run()
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        SqlitePragmas.Apply(connection);
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        WaitHandle[] dueOrStopping = [_due, _stopping];
        while (WaitHandle.WaitAny(dueOrStopping) == 0)
        {
            try
            {
                checkpoint.ExecuteNonQuery();
            }
            catch (SqliteException ex)
            {
                logger.LogWarning(ex, "A WAL checkpoint failed; the next commit asks for another");
            }

            if (_stopping.WaitOne(MinInterval))
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _due.Dispose();
        _stopping.Dispose();
    }
}
