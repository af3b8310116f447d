using System.Runtime.InteropServices;
using System.Threading.Channels;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// The one writer of usage. Requests queue here; whatever is queued when the writer comes round
/// commits in one transaction (group commit), and each request is answered only after its commit.
/// Counting and deciding happen in this one loop, so they are atomic for every account.
/// </summary>
internal sealed class MeterWriter(
    DatabaseLocation database,
    MeterRegistry registry,
    EventRecorder recorder,
    ILiveUpdates live,
    Notifications.OutboxKick outbox,
    ILogger<MeterWriter> logger) : BackgroundService
{
    private const int MaxEventsPerCommit = 4096;

    private readonly Channel<MeterWork> _queue = Channel.CreateUnbounded<MeterWork>(new UnboundedChannelOptions { SingleReader = true });

    public bool TryEnqueue(MeterWork work) => _queue.Writer.TryWrite(work);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(stoppingToken);
        SqlitePragmas.Apply(connection);
        using var statements = new MeterStatements(connection);
        var group = new List<MeterWork>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                group.Clear();
                var events = 0;
                // A reload commits on its own: what it reads from the database then is exactly what
                // was counted before it (see RollingBackfill).
                while (events < MaxEventsPerCommit && _queue.Reader.TryPeek(out var next) && !(next is ReloadWork && group.Count > 0))
                {
                    _queue.Reader.TryRead(out var work);
                    group.Add(work!);
                    events += work is IngestWork ingest ? ingest.Events.Count : 1;
                    if (work is ReloadWork)
                    {
                        break;
                    }
                }

                Commit(statements, group);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            FailPending(new OperationCanceledException("The app is shutting down."));
        }
    }

    private void Commit(MeterStatements statements, List<MeterWork> group)
    {
        var changes = new Dictionary<long, LiveTopics>();
        var outcomes = new List<(IngestWork Work, IngestOutcome Outcome)>();
        using var transaction = statements.Connection.BeginTransaction(deferred: false);
        statements.Use(transaction);
        try
        {
            var batch = new CommitDeltas();
            foreach (var work in group)
            {
                var state = registry.Get(work.AccountId);
                var topics = work switch
                {
                    IngestWork ingest => recorder.Record(statements, state, ingest, batch, outcomes),
                    CheckLogWork check => recorder.LogCheck(statements, state, check.Subject, check.Decision),
                    ReloadWork => recorder.Reload(statements, state),
                    _ => LiveTopics.None,
                };
                changes[work.AccountId] = changes.GetValueOrDefault(work.AccountId) | topics;
            }

            batch.WriteTo(statements);
            statements.WritePendingFolds();
            transaction.Commit();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A commit of {Count} meter work items failed; memory is reloaded from the database", group.Count);
            TryRollback(transaction);
            foreach (var accountId in group.Select(w => w.AccountId).Distinct())
            {
                registry.Reload(accountId);
            }

            foreach (var work in group)
            {
                Fail(work, ex);
            }

            return;
        }
        finally
        {
            statements.Use(null);
        }

        foreach (var (work, outcome) in outcomes)
        {
            work.Done.TrySetResult(outcome);
        }

        foreach (var reload in group.OfType<ReloadWork>())
        {
            reload.Done.TrySetResult();
        }

        foreach (var (accountId, topics) in changes.Where(c => c.Value != LiveTopics.None))
        {
            live.Publish(accountId, topics);
        }

        if (changes.Values.Any(t => (t & (LiveTopics.Alert | LiveTopics.Bot)) != 0))
        {
            outbox.Kick();
        }
    }

    private void TryRollback(SqliteTransaction transaction)
    {
        try
        {
            transaction.Rollback();
        }
        catch (SqliteException ex)
        {
            logger.LogWarning(ex, "Rollback failed");
        }
    }

    private static void Fail(MeterWork work, Exception ex)
    {
        switch (work)
        {
            case IngestWork ingest:
                ingest.Done.TrySetException(ex);
                break;
            case ReloadWork reload:
                reload.Done.TrySetException(ex);
                break;
        }
    }

    private void FailPending(Exception ex)
    {
        while (_queue.Reader.TryRead(out var work))
        {
            Fail(work, ex);
        }
    }
}

/// <summary>
/// The counter increments and bots' last-seen times of one commit, summed so each row is written
/// once however many events of the commit touch it.
/// </summary>
internal sealed class CommitDeltas
{
    private readonly Dictionary<CounterKey, (UsageAmounts Amounts, long Unpriced)> _counters = [];
    private readonly Dictionary<long, DateTimeOffset> _botsSeen = [];

    public void Add(CounterKey key, UsageAmounts amounts, bool unpriced)
    {
        if (!EventCounting.IsStored(key.Granularity))
        {
            return;
        }

        ref var delta = ref CollectionsMarshal.GetValueRefOrAddDefault(_counters, key, out _);
        delta = (delta.Amounts + amounts, delta.Unpriced + (unpriced ? 1 : 0));
    }

    public void BotSeen(long botId, DateTimeOffset at)
    {
        ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(_botsSeen, botId, out _);
        seen = at > seen ? at : seen;
    }

    public void WriteTo(MeterStatements statements)
    {
        statements.AddToCounters(_counters.Select(d => (d.Key, d.Value.Amounts, d.Value.Unpriced)));
        foreach (var (botId, at) in _botsSeen)
        {
            statements.TouchBot(botId, at);
        }
    }
}
