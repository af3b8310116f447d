using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Enforcement;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// Counting and deciding behind one small surface. This implementation keeps state in memory with
/// one writer on SQLite; a scale-out implementation would keep the same contract atomic across
/// instances (e.g. a Redis script per event).
/// </summary>
public interface IUsageMeter
{
    /// <summary>Stores, counts and decides; completes after the events are durable.</summary>
    Task<IngestOutcome> RecordAsync(long accountId, IReadOnlyList<UsageEventInput> events, CancellationToken ct = default);

    /// <summary>May this bot (and user) make a call now? Answers from memory.</summary>
    Decision Check(long accountId, string botId, string? userId, string? tier);

    /// <summary>Re-reads the account's policies, blocks and settings; lifts blocks that no longer hold.</summary>
    Task RefreshAsync(long accountId, CancellationToken ct = default);

    /// <summary>
    /// Stores the counters memory holds ahead of the database (they are stored a few times a second):
    /// reports of stored counters call it first, to include every answered event.
    /// </summary>
    Task StoreCountersAsync(CancellationToken ct = default);

    /// <summary>A counter of the current window, from memory.</summary>
    UsageAmounts Current(long accountId, Dimension dimension, string key, Granularity granularity);

    /// <summary>Where each applicable policy stands for the subject (without filters: every policy of the bot or user).</summary>
    IReadOnlyList<PolicyEvaluation> Explain(long accountId, EnforcementSubject subject);

    /// <summary>The blocks that hold now in the account.</summary>
    IReadOnlyList<Block> ActiveBlocks(long accountId);

    /// <summary>The bot's team as the meter knows it.</summary>
    string? TeamOf(long accountId, string botId);

    /// <summary>
    /// Where each enabled usage policy stands now for its own scope: the account, the team, the
    /// bot, the whole tier (the sum of its users) or the one user.
    /// </summary>
    IReadOnlyList<PolicyEvaluation> Standings(long accountId);
}

internal sealed class UsageMeter(MeterWriter writer, MeterRegistry registry, CounterStore counters, PolicyReader reader, TimeProvider clock) : IUsageMeter
{
    public Task<IngestOutcome> RecordAsync(long accountId, IReadOnlyList<UsageEventInput> events, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var work = new IngestWork(accountId, events);
        Enqueue(work);

        // Once queued, the events commit (within milliseconds) whether or not the caller still waits:
        // the wait is not cancellable, which also spares every request a cancellation registration.
        return work.Done.Task;
    }

    /// <summary>Queues work for the writer; once it has stopped (the app is shutting down) that is an error, not a wait without end.</summary>
    private void Enqueue(MeterWork work)
    {
        if (!writer.TryEnqueue(work))
        {
            throw new InvalidOperationException("The meter is not accepting work: the app is shutting down.");
        }
    }

    public Decision Check(long accountId, string botId, string? userId, string? tier)
    {
        var state = registry.Get(accountId);
        var now = clock.GetUtcNow();
        var subject = SubjectOf(state, botId, userId, tier, now);
        var decision = EnforcementRules.Decide(subject, reader.Reached(state, subject, matchFilters: false, now), state.Blocks.AsSpan(), now);
        if ((decision.Action == EnforcementAction.Block || EnforcementRules.HasDryRunHit(decision)) && state.ChecksToLog.Add(subject, decision, now))
        {
            writer.TryEnqueue(new CheckLogWork(accountId));
        }

        return decision;
    }

    public async Task RefreshAsync(long accountId, CancellationToken ct = default)
    {
        var work = new ReloadWork(accountId);
        Enqueue(work);
        await work.Done.Task.WaitAsync(ct);
    }

    public async Task StoreCountersAsync(CancellationToken ct = default)
    {
        if (!writer.CountersPending)
        {
            return;
        }

        var work = new FlushWork();
        Enqueue(work);
        await work.Done.Task.WaitAsync(ct);
    }

    public UsageAmounts Current(long accountId, Dimension dimension, string key, Granularity granularity)
    {
        var state = registry.Get(accountId);
        var start = Domain.Common.CalendarWindows.Containing(CounterNames.UnitOf(granularity), clock.GetUtcNow(), state.Zone).Start;
        return counters.Get(new CounterKey(accountId, dimension, CounterNames.KeyOf(dimension, key), "", granularity, start.ToUnixTimeSeconds()));
    }

    public IReadOnlyList<PolicyEvaluation> Explain(long accountId, EnforcementSubject subject) =>
        reader.EvaluateAll(registry.Get(accountId), subject, matchFilters: false, clock.GetUtcNow());

    public IReadOnlyList<Block> ActiveBlocks(long accountId)
    {
        var now = clock.GetUtcNow();
        return registry.Get(accountId).Blocks.Where(b => b.HoldsAt(now)).ToList();
    }

    public string? TeamOf(long accountId, string botId) =>
        registry.Get(accountId).Bots.TryGetValue(botId, out var bot) ? bot.Team : null;

    public IReadOnlyList<PolicyEvaluation> Standings(long accountId)
    {
        var state = registry.Get(accountId);
        var now = clock.GetUtcNow();
        return state.Policies.All
            .Select(p => reader.Evaluate(state, p, new ScopeInstance(p.Scope.Type, p.Scope.Key), now))
            .ToList();
    }

    /// <summary>A check that names a user but no tier takes the tier of a template that blocks that user, so the answer explains the block.</summary>
    private static EnforcementSubject SubjectOf(AccountMeterState state, string botId, string? userId, string? tier, DateTimeOffset now) =>
        new(botId, state.Bots.TryGetValue(botId, out var bot) ? bot.Team : null, userId,
            tier ?? (userId is null || state.Blocks.IsEmpty ? null : TierBlocking(state, userId, now)));

    private static string? TierBlocking(AccountMeterState state, string userId, DateTimeOffset now)
    {
        foreach (var block in state.Blocks)
        {
            if (block.Target.Key == userId && block.HoldsAt(now) && block.PolicyId is { } policyId
                && state.Policies.All.FirstOrDefault(p => p.Id == policyId) is { Scope.Type: ScopeType.Tier } template)
            {
                return template.Scope.Key;
            }
        }

        return null;
    }
}
