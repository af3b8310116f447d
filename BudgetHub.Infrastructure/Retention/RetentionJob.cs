using System.ComponentModel.DataAnnotations;
using BudgetHub.Domain.Budgets;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Persistence;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BudgetHub.Infrastructure.Retention;

/// <summary>The <c>Retention</c> section: how gently pruning runs beside ingestion.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    [Range(1, 100_000, ErrorMessage = "Retention:BatchSize must be from 1 to 100000 rows.")]
    public int BatchSize { get; set; } = 500;

    /// <summary>The pause between batches, so ingestion's writer always gets the database in between.</summary>
    [Range(0, 60_000, ErrorMessage = "Retention:PauseMilliseconds must be from 0 to 60000.")]
    public int PauseMilliseconds { get; set; } = 20;
}

/// <summary>What one retention policy removed in one run.</summary>
public sealed record RetentionRun(long PolicyId, long Events, long Conversations, long LogRows);

/// <summary>
/// Prunes raw usage events, conversation records and enforcement-log rows older than each
/// retention policy's age, in small batches with pauses. Counter totals stay for finance.
/// Safe to run twice or after being killed mid-batch: each batch is its own statement.
/// </summary>
internal sealed class RetentionJob(AccountDb db, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionJob> logger)
{
    public async Task RunAsync(CancellationToken ct) => await RunAsync(accountId: null, ct);

    /// <summary>Runs every enabled retention policy (of one account, or of all).</summary>
    public async Task<IReadOnlyList<RetentionRun>> RunAsync(long? accountId, CancellationToken ct)
    {
        List<PolicyRecord> policies;
        await using (var context = db.System())
        {
            policies = await context.Policies.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.Kind == PolicyKind.Retention && p.Enabled && p.MaxAgeSeconds != null && (accountId == null || p.AccountId == accountId))
                .ToListAsync(ct);
        }

        var runs = new List<RetentionRun>();
        foreach (var policy in policies)
        {
            var run = await PruneAsync(policy, ct);
            runs.Add(run);
            logger.LogInformation("Retention {Policy}: removed {Events} events, {Conversations} conversations, {Log} log rows",
                policy.Name, run.Events, run.Conversations, run.LogRows);
        }

        return runs;
    }

    public async Task<RetentionRun> PruneAsync(PolicyRecord policy, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(policy.MaxAgeSeconds!.Value);
        var bot = policy.ScopeType == ScopeType.Bot ? policy.ScopeKey : null;
        // Events and log rows have no time index (it would cost every insert): they are walked in
        // row-id order from where the previous batch stopped, so one run reads each row once.
        // NOT INDEXED and +AccountId: SQLite would otherwise walk the account's (AccountId, EventId) index
        // (PostgreSQL walks its primary key by itself).
        // Events past the counter checkpoint stay: a recount after a crash still needs them. So does
        // the one at it: row ids are max + 1, and a new event must never get an id at or below it.
        var batchSize = options.Value.BatchSize;
        var events = await InBatchesAsync(policy.AccountId, (context, after) => context.Database.IsSqlite()
            ? context.Database.SqlQuery<long>(
                $"""
                SELECT Id AS Value FROM UsageEvents NOT INDEXED
                WHERE Id > {after} AND Id < (SELECT CountedThroughEventId FROM MeterCheckpoints WHERE Id = 1)
                    AND AccountId = {policy.AccountId} AND Timestamp < {cutoff} AND ({bot} IS NULL OR BotKey = {bot})
                ORDER BY Id LIMIT {batchSize}
                """)
            : context.UsageEvents
                .Where(e => e.Id > after && e.Id < context.MeterCheckpoints.Select(c => c.CountedThroughEventId).First()
                    && e.Timestamp < cutoff && (bot == null || e.BotKey == bot))
                .OrderBy(e => e.Id).Select(e => e.Id), (context, ids) => context.Database.IsSqlite()
            ? context.Database.ExecuteSqlAsync(
                $"DELETE FROM UsageEvents WHERE Id IN (SELECT value FROM json_each({JsonSerializer.Serialize(ids)})) AND +AccountId = {policy.AccountId}", ct)
            : context.UsageEvents.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(ct), ct);
        var conversations = await InBatchesAsync(policy.AccountId, (context, _) => context.Conversations
            .Where(c => c.FirstSeenAt < cutoff && (bot == null || c.BotKey == bot)).OrderBy(c => c.FirstSeenAt).Select(c => c.ConversationId), (context, ids) =>
            context.Conversations.Where(c => ids.Contains(c.ConversationId)).ExecuteDeleteAsync(ct), ct);
        var log = await InBatchesAsync(policy.AccountId, (context, after) => context.EnforcementLog
            .Where(l => l.Id > after && l.Time < cutoff && (bot == null || l.BotKey == bot)).OrderBy(l => l.Id).Select(l => l.Id), (context, ids) =>
            context.EnforcementLog.Where(l => ids.Contains(l.Id)).ExecuteDeleteAsync(ct), ct);

        await using (var context = db.For(policy.AccountId))
        {
            var total = events + conversations + log;
            var now = clock.GetUtcNow().UtcDateTime;
            await context.Policies.Where(p => p.Id == policy.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastRunAt, now).SetProperty(p => p.LastRunDeleted, total), ct);
        }

        return new RetentionRun(policy.Id, events, conversations, log);
    }

    /// <summary>What the policy would delete now (for the page that lists retention policies).</summary>
    public async Task<RetentionRun> PreviewAsync(PolicyRecord policy, CancellationToken ct) =>
        await PreviewAsync(policy.AccountId, policy.ScopeType == ScopeType.Bot ? policy.ScopeKey : null, TimeSpan.FromSeconds(policy.MaxAgeSeconds ?? 0), ct)
            with { PolicyId = policy.Id };

    /// <summary>
    /// What keeping <paramref name="maxAge"/> of the account's data (or one bot's) would delete now: for the
    /// editor, before anything is saved. <see cref="RetentionRun.PolicyId"/> is 0.
    /// </summary>
    public async Task<RetentionRun> PreviewAsync(long accountId, string? bot, TimeSpan maxAge, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - maxAge;
        await using var context = db.For(accountId);
        return new RetentionRun(0,
            await context.UsageEvents.CountAsync(e => e.Timestamp < cutoff && (bot == null || e.BotKey == bot), ct),
            await context.Conversations.CountAsync(c => c.FirstSeenAt < cutoff && (bot == null || c.BotKey == bot), ct),
            await context.EnforcementLog.CountAsync(l => l.Time < cutoff && (bot == null || l.BotKey == bot), ct));
    }

    /// <param name="oldestAfter">The next rows to delete, given the row id the previous batch ended at (0 at first).</param>
    private async Task<long> InBatchesAsync<TKey>(
        long accountId, Func<BudgetHubDbContext, long, IQueryable<TKey>> oldestAfter, Func<BudgetHubDbContext, List<TKey>, Task<int>> delete, CancellationToken ct)
    {
        long total = 0;
        long after = 0;
        while (true)
        {
            await using var context = db.For(accountId);
            var ids = await oldestAfter(context, after).Take(options.Value.BatchSize).ToListAsync(ct);
            if (ids.Count == 0)
            {
                return total;
            }

            total += await delete(context, ids);
            after = ids is List<long> rowIds ? rowIds.Max() : after;
            await Task.Delay(TimeSpan.FromMilliseconds(options.Value.PauseMilliseconds), clock, ct);
        }
    }
}
