using System.Collections.Frozen;
using System.Data.Common;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// The one writer of usage. Requests queue here; whatever is queued when the writer comes round
/// commits in one transaction (group commit), and each request is answered only after its commit.
/// Counting and deciding happen in this one loop, so they are atomic for every account.
/// Counters are stored every <see cref="FlushInterval"/> at most, not in every commit: a busy counter
/// row is then written a few times a second instead of once per commit. Reports of stored counters
/// ask for a flush first (<see cref="FlushWork"/>), so they read every answered event;
/// <see cref="CounterRecovery"/> counts the gap again after a crash.
/// </summary>
internal sealed class MeterWriter(
    IMeterConnections connections,
    MeterRegistry registry,
    EventRecorder recorder,
    CounterRecovery recovery,
    ILiveUpdates live,
    Notifications.OutboxKick outbox,
    TimeProvider clock,
    ILogger<MeterWriter> logger) : BackgroundService
{
    private const int MaxEventsPerCommit = 4096;
    private const int MaxPendingCounters = 200_000;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RecoveryRetry = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastFlush;
    private volatile bool _countersPending;

    /// <summary>Set while a recount failed: nothing is flushed until it succeeds (null accounts = all).</summary>
    private (bool Pending, IReadOnlySet<long>? Accounts) _recovery;

    /// <summary>
    /// Synchronous continuations: the only one is the writer's blocked thread being released, which must
    /// not wait for a thread-pool thread when the cores are busy.
    /// </summary>
    private readonly Channel<MeterWork> _queue = Channel.CreateUnbounded<MeterWork>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });

    public bool TryEnqueue(MeterWork work) => _queue.Writer.TryWrite(work);

    /// <summary>Whether memory holds counters of answered events that are not stored yet.</summary>
    public bool CountersPending => _countersPending;

    /// <summary>Completes once the stored counters include every stored event (see <see cref="Recover"/>).</summary>
    public Task Recovered => _recovered.Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        Thread.CurrentThread.Name = "Meter writer";
        if (!SerialThread.TryRunFirst())
        {
            logger.LogDebug("The OS did not let the writer's thread run ahead of the request threads; it runs at their priority");
        }

        using var connection = connections.Open();
        using var statements = new MeterStatements(connection);
        var group = new List<MeterWork>();
        // When traffic stops between two flushes, this stores what the last commits counted.
        using var quietFlush = clock.CreateTimer(_ => FlushIfQuiet(), null, FlushInterval, FlushInterval);
        try
        {
            Recover(statements, accounts: null);
            while (WaitForWork(stoppingToken))
            {
                if (_recovery.Pending)
                {
                    Recover(statements, _recovery.Accounts);
                }

                if (!_queue.Reader.TryPeek(out _))
                {
                    continue;
                }

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
            // Completed first, so that nothing queued later waits for a writer that has gone.
            _queue.Writer.TryComplete();
            FailPending(new OperationCanceledException("The app is shutting down."));
            StoreCountersOnStop(statements);
        }
    }

    private void FlushIfQuiet()
    {
        if (_countersPending && clock.GetElapsedTime(Volatile.Read(ref _lastFlush)) >= FlushInterval)
        {
            TryEnqueue(new FlushWork());
        }
    }

    /// <summary>A clean stop stores the counters, so the next start has nothing to count again, and logs the blocked checks.</summary>
    private void StoreCountersOnStop(MeterStatements statements)
    {
        if (_recovery.Pending)
        {
            return;
        }

        try
        {
            using var transaction = statements.BeginTransaction();
            foreach (var state in registry.Loaded)
            {
                EventRecorder.LogChecks(statements, state);
            }

            statements.WritePendingFolds();
            WritePendingCounters(statements);
            transaction.Commit();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            logger.LogWarning(ex, "Storing the counters at shutdown failed; the next start counts those events again");
        }
        finally
        {
            statements.Use(null);
        }
    }

    /// <summary>
    /// Waits for queued work; while a recount is owed, also wakes every <see cref="RecoveryRetry"/>,
    /// so a failed start-up recount is tried again without waiting for traffic (the app is not
    /// ready, and so gets none, until it succeeds).
    /// </summary>
    private bool WaitForWork(CancellationToken stoppingToken)
    {
        if (!_recovery.Pending)
        {
            return Wait(_queue.Reader.WaitToReadAsync(stoppingToken));
        }

        using var retry = new CancellationTokenSource(RecoveryRetry, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, retry.Token);
        try
        {
            return Wait(_queue.Reader.WaitToReadAsync(either.Token));
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return true;
        }
    }

    /// <summary>The writer's thread is its own: it blocks while the queue is empty.</summary>
    private static bool Wait(ValueTask<bool> wait) => wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Commits the group in one transaction. When that fails and the database still works afterwards
    /// (the recount that follows a failure succeeded), one item was at fault, not the database: each item
    /// is then committed on its own, so that only the one at fault fails, not the others it was grouped with.
    /// </summary>
    private void Commit(MeterStatements statements, List<MeterWork> group)
    {
        if (TryCommit(statements, group) is not { } failure)
        {
            return;
        }

        if (group.Count > 1 && !_recovery.Pending)
        {
            logger.LogWarning("Committing the {Count} work items of the failed commit one by one, so that only the one at fault fails", group.Count);
            foreach (var work in group)
            {
                Commit(statements, [work]);
            }

            return;
        }

        foreach (var work in group)
        {
            Fail(work, failure);
        }
    }

    /// <returns>null once committed; else what failed, with memory reloaded and nothing of the group stored or answered.</returns>
    private Exception? TryCommit(MeterStatements statements, List<MeterWork> group)
    {
        var changes = new Dictionary<long, LiveTopics>();
        var outcomes = new List<(IngestWork Work, IngestOutcome Outcome)>();
        var flushed = false;
        var rezoned = new List<long>();
        DbTransaction? transaction = null;
        try
        {
            // Inside the try: on PostgreSQL, beginning reopens a broken connection, which fails while the server is down.
            transaction = statements.BeginTransaction();
            var botsSeen = new BotsSeen();
            foreach (var work in group.Where(w => w is not WriterWork))
            {
                var state = registry.Get(work.AccountId);
                var topics = work switch
                {
                    IngestWork ingest => recorder.Record(statements, state, ingest, botsSeen, outcomes),
                    CheckLogWork => EventRecorder.LogChecks(statements, state),
                    ReloadWork => Reload(statements, state, rezoned),
                    _ => LiveTopics.None,
                };
                changes[work.AccountId] = changes.GetValueOrDefault(work.AccountId) | topics;
            }

            botsSeen.WriteTo(statements);
            statements.WritePendingFolds();
            flushed = ShouldFlush(group);
            if (flushed)
            {
                WritePendingCounters(statements);
            }

            transaction.Commit();
            statements.Database.Committed();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A commit of {Count} meter work items failed; memory is reloaded from the database", group.Count);
            if (transaction is not null)
            {
                TryRollback(transaction);
            }

            statements.Use(null);
            var accounts = group.Where(w => w is not WriterWork).Select(w => w.AccountId).ToHashSet();
            foreach (var accountId in accounts)
            {
                registry.Forget(accountId);
            }

            Recover(statements, accounts);
            return ex;
        }
        finally
        {
            transaction?.Dispose();
            statements.Use(null);
        }

        if (flushed)
        {
            ForgetPendingCounters();

            // Counters are keyed by their windows' starts in the account's zone: with every count now
            // stored, the account's windows are loaded again in the new zone, and its blocks reviewed
            // against them (they may now end at another time, or no longer hold).
            foreach (var accountId in rezoned)
            {
                changes[accountId] = changes.GetValueOrDefault(accountId) | ReviewBlocks(statements, registry.Reload(accountId), restored: false);
            }
        }

        if (group.Exists(w => w is ReviewRestoredBlocksWork))
        {
            foreach (var state in registry.Loaded)
            {
                changes[state.AccountId] = changes.GetValueOrDefault(state.AccountId) | ReviewBlocks(statements, state, restored: true);
            }
        }

        _countersPending = !flushed && (_countersPending || outcomes.Count > 0 || group.Exists(w => w is ReloadWork));
        foreach (var (work, outcome) in outcomes)
        {
            work.Done.TrySetResult(outcome);
        }

        foreach (var reload in group.OfType<ReloadWork>())
        {
            reload.Done.TrySetResult();
        }

        if (group.Exists(w => w is TidyWork))
        {
            var now = clock.GetUtcNow();
            foreach (var state in registry.Loaded)
            {
                IdleMemory.Forget(state, now);
            }
        }

        foreach (var work in group.OfType<WriterWork>())
        {
            work.Done.TrySetResult();
        }

        foreach (var (accountId, topics) in changes.Where(c => c.Value != LiveTopics.None))
        {
            live.Publish(accountId, topics);
        }

        if (changes.Values.Any(t => (t & (LiveTopics.Alert | LiveTopics.Bot)) != 0))
        {
            outbox.Kick();
        }

        return null;
    }

    /// <summary>
    /// Reviews the account's blocks in a transaction of its own: after a change of time zone, or, for the
    /// blocks <paramref name="restored"/> from the database at start-up, against policies changed meanwhile.
    /// </summary>
    private LiveTopics ReviewBlocks(MeterStatements statements, AccountMeterState state, bool restored)
    {
        var held = state.Blocks;
        using var transaction = statements.BeginTransaction();
        try
        {
            var topics = restored
                ? recorder.ReviewRestoredBlocks(statements, state)
                : recorder.ReviewBlocks(statements, state, FrozenDictionary<long, UsagePolicy?>.Empty, FrozenDictionary<long, string>.Empty);
            transaction.Commit();
            var (before, after) = (held.Select(b => b.Id).ToHashSet(), state.Blocks.Select(b => b.Id).ToHashSet());
            if (restored && !before.SetEquals(after))
            {
                logger.LogInformation("Start-up lifted {Lifted} and placed {Placed} blocks of account {AccountId}: their policies changed while the app was stopped",
                    before.Except(after).Count(), after.Except(before).Count(), state.AccountId);
            }

            return topics;
        }
        catch (DbException ex)
        {
            logger.LogError(ex, "Reviewing the blocks of account {AccountId} failed; they are read again from the database", state.AccountId);
            TryRollback(transaction);
            registry.Forget(state.AccountId);
            return LiveTopics.None;
        }
        finally
        {
            statements.Use(null);
        }
    }

    private LiveTopics Reload(MeterStatements statements, AccountMeterState state, List<long> rezoned)
    {
        var zone = state.Zone.Id;
        var topics = recorder.Reload(statements, state);
        if (state.Zone.Id != zone)
        {
            rezoned.Add(state.AccountId);
        }

        return topics;
    }

    /// <summary>
    /// Store the counters every <see cref="FlushInterval"/>, and whenever something is about to read
    /// the stored ones: a report (<see cref="FlushWork"/>) or a reload.
    /// </summary>
    private bool ShouldFlush(List<MeterWork> group) =>
        !_recovery.Pending
        && (clock.GetElapsedTime(_lastFlush) >= FlushInterval
        || group.Exists(w => w is ReloadWork or FlushWork)
        || registry.Loaded.Sum(s => s.PendingCounters.Count) >= MaxPendingCounters);

    /// <summary>Writes every account's pending counters and moves the checkpoint past every stored event.</summary>
    private void WritePendingCounters(MeterStatements statements)
    {
        foreach (var state in registry.Loaded)
        {
            state.PendingCounters.WriteTo(statements);
        }

        statements.MarkAllCounted();
    }

    private void ForgetPendingCounters()
    {
        foreach (var state in registry.Loaded)
        {
            state.PendingCounters.Clear();
        }

        Volatile.Write(ref _lastFlush, clock.GetTimestamp());
    }

    /// <summary>
    /// Counts the events past the checkpoint into memory again, then stores them: at start-up (after
    /// a crash) for every account, after a failed commit for the accounts just reloaded.
    /// </summary>
    private void Recover(MeterStatements statements, IReadOnlySet<long>? accounts)
    {
        try
        {
            using var transaction = statements.BeginTransaction();
            var recounted = recovery.Recount(statements, accounts);
            WritePendingCounters(statements);
            transaction.Commit();
            ForgetPendingCounters();
            _recovery = (false, null);
            _recovered.TrySetResult();
            if (recounted > 0)
            {
                logger.LogWarning("Counted {Count} events again whose counters were not stored yet", recounted);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            logger.LogError(ex, "Recounting the events past the counter checkpoint failed; it is tried again within {Retry} s, or before the next commit", RecoveryRetry.TotalSeconds);
            // The recount may have counted some events in memory: start those accounts afresh.
            foreach (var accountId in accounts ?? registry.Loaded.Select(s => s.AccountId).ToHashSet())
            {
                registry.Forget(accountId);
            }

            _recovery = (true, accounts);
        }
        finally
        {
            statements.Use(null);
        }
    }

    /// <remarks>A connection that broke cannot roll back (PostgreSQL's server rolls back by itself): the writer goes on.</remarks>
    private void TryRollback(DbTransaction transaction)
    {
        try
        {
            transaction.Rollback();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
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
            case WriterWork writerWork:
                writerWork.Done.TrySetException(ex);
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

/// <summary>The bots' last-seen times of one commit: each bot's row is written once however many of its events the commit has.</summary>
internal sealed class BotsSeen
{
    private readonly Dictionary<long, DateTimeOffset> _latest = [];

    public void Add(long botId, DateTimeOffset at)
    {
        ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(_latest, botId, out _);
        seen = at > seen ? at : seen;
    }

    public void WriteTo(MeterStatements statements)
    {
        foreach (var (botId, at) in _latest)
        {
            statements.TouchBot(botId, at);
        }
    }
}
