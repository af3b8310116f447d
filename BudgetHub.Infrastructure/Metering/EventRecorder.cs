using System.Collections.Frozen;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Enforcement;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Infrastructure.Usage;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// Inside the writer's transaction: stores each event once, counts it, evaluates every policy that
/// applies, blocks what must be blocked and writes the enforcement log.
/// </summary>
internal sealed class EventRecorder(EventCounter counter, PolicyReader reader, PriceCatalog prices, MeterStateLoader loader, ThresholdAlerts alerts, TimeProvider clock)
{
    // Reused from event to event: only the writer's one thread records.
    private readonly List<(UsagePolicy Policy, ScopeInstance Instance)> _applicable = [];
    private readonly List<CountedPolicy> _counted = [];

    public LiveTopics Record(MeterStatements sql, AccountMeterState state, IngestWork work, BotsSeen botsSeen, List<(IngestWork, IngestOutcome)> outcomes)
    {
        var now = clock.GetUtcNow();
        var topics = LiveTopics.None;
        var results = new List<EventResult>(work.Events.Count);
        foreach (var e in work.Events)
        {
            var timestamp = e.Timestamp ?? now;
            var team = TeamOf(state, e);
            var subject = new EnforcementSubject(e.BotId, team, e.UserId, e.Tier, e.Model, e.Category);
            var price = e.CostMicros is null ? prices.Find(state.AccountId, e.Model, timestamp) : null;
            var cost = e.CostMicros ?? price?.CostMicros(e.InputTokens, e.CachedInputTokens, e.OutputTokens) ?? 0;
            var priced = e.CostMicros is not null || price is not null;

            if (sql.InsertEvent(state.AccountId, e, timestamp, now, team, cost, priced) is not { } rowId)
            {
                // A duplicate changes nothing, not even the bot list: its answer is where the bot stands now.
                var current = EnforcementRules.Decide(subject, reader.Reached(state, subject, matchFilters: true, now), state.Blocks.AsSpan(), now);
                results.Add(new EventResult(e.Id, EventStatus.Duplicate, current));
                continue;
            }

            var bot = BotFor(sql, state, e, timestamp, ref topics);

            var newConversation = e.ConversationId is not null && IsNewConversation(sql, state, e.ConversationId, e.BotId, timestamp, rowId);
            var amounts = new UsageAmounts(e.InputTokens + e.OutputTokens, e.Messages, newConversation ? 1 : 0, cost, 1, e.Error ? 1 : 0);
            var applicable = state.Policies.For(subject, matchFilters: true, _applicable);
            counter.Count(state, e, team, timestamp, applicable, amounts, !priced, now, _counted);
            botsSeen.Add(bot.Id, timestamp);

            // Only policies at an alert threshold or their limit can block, alert or log.
            var evaluations = reader.Reached(state, applicable, _counted, now);
            foreach (var evaluation in evaluations)
            {
                if (EnforcementRules.MustBlock(evaluation, state.Blocks, now))
                {
                    CreateBlock(sql, state, evaluation, now);
                    topics |= LiveTopics.Bot;
                }
            }

            foreach (var evaluation in evaluations)
            {
                topics |= alerts.Raise(sql, state, evaluation, subject, now) ? LiveTopics.Alert : LiveTopics.None;
            }

            var decision = EnforcementRules.Decide(subject, evaluations, state.Blocks.AsSpan(), now);
            topics |= LogEvent(sql, state, subject, evaluations, decision, now);
            results.Add(new EventResult(e.Id, EventStatus.Accepted, decision));
            topics |= LiveTopics.Counters;
        }

        outcomes.Add((work, new IngestOutcome(results)));
        return topics;
    }

    /// <summary>
    /// An event counts toward its bot's team, the one the check blocks by: the team the bot has (set when it
    /// was first seen with one, or by a person), else the event's, which becomes the bot's (see <see cref="BotFor"/>).
    /// A team that a later event names changes neither. Stored with the event, so recounts agree.
    /// </summary>
    private static string? TeamOf(AccountMeterState state, UsageEventInput e) =>
        state.Bots.TryGetValue(e.BotId, out var bot) && bot.Team is not null ? bot.Team : e.Team;

    private static bool IsNewConversation(MeterStatements sql, AccountMeterState state, string conversationId, string botKey, DateTimeOffset at, long eventRowId)
    {
        if (state.KnownConversations.Contains(conversationId))
        {
            return false;
        }

        var isNew = sql.InsertConversation(state.AccountId, conversationId, botKey, at, eventRowId);
        state.KnownConversations.Add(conversationId);
        return isNew;
    }

    private static BotState BotFor(MeterStatements sql, AccountMeterState state, UsageEventInput e, DateTimeOffset at, ref LiveTopics topics)
    {
        if (state.Bots.TryGetValue(e.BotId, out var bot) && (bot.Team is not null || e.Team is null))
        {
            return bot;
        }

        bot = sql.UpsertBot(state.AccountId, e.BotId, e.Team, at);
        state.Bots[e.BotId] = bot;
        topics |= LiveTopics.Bot;
        return bot;
    }

    private static void CreateBlock(MeterStatements sql, AccountMeterState state, PolicyEvaluation evaluation, DateTimeOffset now)
    {
        var until = EnforcementRules.BlockUntil(evaluation, now);
        var reason = BlockReason(evaluation);
        var id = sql.InsertBlock(state.AccountId, evaluation.Policy.Id, evaluation.Instance.Type.ToString(), evaluation.Instance.Key, until, reason, now);
        var block = new Block(id, evaluation.Policy.Id, evaluation.Instance, until, reason, now);
        state.Blocks = state.Blocks.Add(block);
        if (state.Channels.GetValueOrDefault(evaluation.Policy.Id)?.WebhookUrl is { } url)
        {
            AlertWriter.BotBlocked(sql.Connection, sql.Transaction!, state.AccountId, id, block, evaluation.Policy, url, now);
        }
    }

    private static string BlockReason(PolicyEvaluation evaluation) =>
        $"{AlertMessages.Standing(evaluation)} — blocks {EnforcementRules.ScopeLabel(evaluation.Instance)}";

    /// <summary>
    /// The log gets the block of a blocked event, each warn-mode policy at or past 100%, and each
    /// dry-run hit; repeats for the same subject and policy within a minute fold into one row.
    /// </summary>
    private static LiveTopics LogEvent(MeterStatements sql, AccountMeterState state, EnforcementSubject subject,
        List<PolicyEvaluation> evaluations, Decision decision, DateTimeOffset now)
    {
        var logged = false;
        if (decision.Action == EnforcementAction.Block)
        {
            logged |= LogBlocked(sql, state, subject, decision, now);
        }

        foreach (var evaluation in evaluations)
        {
            if (!evaluation.IsAtOrOverLimit || evaluation.Policy.Action == PolicyAction.Block)
            {
                continue;
            }

            var action = evaluation.Policy.Action == PolicyAction.DryRun ? "dry_run" : "warned";
            logged |= Log(sql, state, subject, action, evaluation, now);
        }

        return logged ? LiveTopics.Enforcement : LiveTopics.None;
    }

    private static bool LogBlocked(MeterStatements sql, AccountMeterState state, EnforcementSubject subject, Decision decision, DateTimeOffset now, int count = 1)
    {
        var block = decision.Blocks.OrderByDescending(b => b.CreatedAt).FirstOrDefault();
        var evaluation = decision.Reasons.FirstOrDefault(r => block is not null && r.Policy.Id == block.PolicyId) ?? (decision.Reasons.Count > 0 ? decision.Reasons[0] : null);
        if (evaluation is null || block?.IsManualPause == true)
        {
            // A pause that replaces another within the minute gets a row of its own, with its own end.
            var fold = new LogFoldKey(subject.BotId, subject.UserId, "blocked", null, block?.Id);
            var pause = block is { IsManualPause: true, PausedBy: { } by } ? (by, block.Until) : ((string, DateTimeOffset?)?)null;
            return Fold(sql, state, fold, now, 0, count, () => sql.InsertLog(
                state.AccountId, now, subject.BotId, subject.UserId, "blocked", 0, 0, "", "", null, block?.Reason ?? "Paused", pause));
        }

        return Log(sql, state, subject, "blocked", evaluation, now, count);
    }

    private static bool Log(MeterStatements sql, AccountMeterState state, EnforcementSubject subject, string action, PolicyEvaluation evaluation, DateTimeOffset now, int count = 1)
    {
        var fold = new LogFoldKey(subject.BotId, subject.UserId, action, evaluation.Policy.Id);
        return Fold(sql, state, fold, now, evaluation.Value, count, () => sql.InsertLog(
            state.AccountId, now, subject.BotId, subject.UserId, action, evaluation.Value, evaluation.Policy.Limit,
            evaluation.Policy.Metric.ToString().ToLowerInvariant(), evaluation.Policy.Window.Label, evaluation.Policy.Id, evaluation.Policy.Name));
    }

    /// <summary>Repeats for the same subject and policy within this span fold into one enforcement-log row.</summary>
    public static readonly TimeSpan FoldSpan = TimeSpan.FromMinutes(1);

    /// <summary>Logs <paramref name="count"/> blocked or warned calls: in a new row, or folded into the subject's row of the last minute.</summary>
    private static bool Fold(MeterStatements sql, AccountMeterState state, LogFoldKey key, DateTimeOffset now, long value, int count, Func<long> insert)
    {
        if (state.LogFold.TryGetValue(key, out var last) && now - last.At < FoldSpan)
        {
            sql.FoldLog(last.RowId, now, value, count);
            return true;
        }

        var rowId = insert();
        if (count > 1)
        {
            sql.FoldLog(rowId, now, value, count - 1);
        }

        state.LogFold[key] = (rowId, now);
        return true;
    }

    /// <summary>Logs the account's blocked checks and dry-run hits that came since the last time.</summary>
    public static LiveTopics LogChecks(MeterStatements sql, AccountMeterState state)
    {
        var logged = false;
        foreach (var checks in state.ChecksToLog.TakeAll())
        {
            if (checks.Decision.Action == EnforcementAction.Block)
            {
                logged |= LogBlocked(sql, state, checks.Subject, checks.Decision, checks.At, checks.Count);
            }

            foreach (var reason in checks.Decision.Reasons)
            {
                if (EnforcementRules.IsDryRunHit(reason))
                {
                    logged |= Log(sql, state, checks.Subject, "dry_run", reason, checks.At, checks.Count);
                }
            }
        }

        return logged ? LiveTopics.Enforcement : LiveTopics.None;
    }

    /// <summary>
    /// After a policy, pause or settings change: re-read them, count the usage already inside new
    /// rolling windows, and review the policy blocks. After a change of time zone the counters in
    /// memory are still keyed by the old zone's windows: the writer reloads them first and then calls
    /// <see cref="ReviewBlocks"/> itself.
    /// </summary>
    public LiveTopics Reload(MeterStatements sql, AccountMeterState state)
    {
        var zone = state.Zone.Id;
        var policiesBefore = state.Policies.All.ToDictionary(p => p.Id);
        var rollingBefore = RollingFamily.Of(state.Policies);
        loader.ReloadSettings(state);
        var now = clock.GetUtcNow();
        var rollingAdded = RollingFamily.Of(state.Policies);
        rollingAdded.ExceptWith(rollingBefore);
        RollingBackfill.Run(sql, state, rollingAdded, now);
        var changedTerms = state.Policies.All
            .Where(p => !policiesBefore.TryGetValue(p.Id, out var before) || !SameTerms(before, p))
            .ToDictionary(p => p.Id, p => policiesBefore.GetValueOrDefault(p.Id));
        var oldNames = state.Policies.All
            .Where(p => policiesBefore.TryGetValue(p.Id, out var before) && before.Name != p.Name)
            .ToDictionary(p => p.Id, p => policiesBefore[p.Id].Name);
        if (state.Zone.Id != zone)
        {
            return LiveTopics.Bot | LiveTopics.Counters;
        }

        var newHardLimits = state.Policies.All
            .Where(p => changedTerms.ContainsKey(p.Id) || policiesBefore.GetValueOrDefault(p.Id) is not { Enabled: true, Action: PolicyAction.Block })
            .ToList();
        return ReviewBlocks(sql, state, changedTerms, oldNames) | BlockWhereAlreadyOver(sql, state, newHardLimits, now);
    }

    /// <summary>
    /// A hard limit that is new, turned on, or was lowered, moved or switched to block mode, blocks at once what its
    /// counter already has over it, as the event that took it there would have: a person who lowers a cap
    /// below today's spend sees the bot paused, not allowed until its next call. Tier templates count each
    /// user apart, and the meter does not keep users' tiers: their users are blocked by their next event.
    /// </summary>
    private LiveTopics BlockWhereAlreadyOver(MeterStatements sql, AccountMeterState state, List<UsagePolicy> policies, DateTimeOffset now)
    {
        var topics = LiveTopics.None;
        foreach (var policy in policies)
        {
            if (policy is not { Action: PolicyAction.Block, IsInert: false } || policy.Scope.Type == ScopeType.Tier)
            {
                continue;
            }

            var evaluation = reader.Evaluate(state, policy, OwnScope(policy), now);
            if (EnforcementRules.MustBlock(evaluation, state.Blocks, now))
            {
                CreateBlock(sql, state, evaluation, now);
                topics |= LiveTopics.Bot | LiveTopics.Enforcement;
            }
        }

        return topics;
    }

    /// <summary>
    /// At start-up: reviews the blocks read back from the database, and blocks where hard limits are already over,
    /// as a save does, since a policy changed while the app was stopped (or straight in the database) was never
    /// reviewed. A policy counts as changed when its terms differ from those it had, by its audit, when it last blocked.
    /// </summary>
    public LiveTopics ReviewRestoredBlocks(MeterStatements sql, AccountMeterState state)
    {
        var now = clock.GetUtcNow();
        var changedTerms = new Dictionary<long, UsagePolicy?>();
        foreach (var (policyId, before) in loader.TermsWhenLastBlocked(state, now))
        {
            if (state.Policies.All.FirstOrDefault(p => p.Id == policyId) is { } policy && !SameTerms(before, policy))
            {
                changedTerms[policyId] = before;
            }
        }

        var topics = ReviewBlocks(sql, state, changedTerms, FrozenDictionary<long, string>.Empty);
        return topics | BlockWhereAlreadyOver(sql, state, HardLimitsOverSinceTheyChanged(state, now), now);
    }

    /// <summary>
    /// The hard limits at or over their limit that hold no block, and did not block under their terms of now:
    /// changed while the app was stopped. One that did, and whose block a person lifted or whose time ran out, blocks
    /// again at its next event, as it would have had the app kept running.
    /// </summary>
    private List<UsagePolicy> HardLimitsOverSinceTheyChanged(AccountMeterState state, DateTimeOffset now)
    {
        var over = state.Policies.All.Where(p => p is { Action: PolicyAction.Block, IsInert: false } && p.Scope.Type != ScopeType.Tier
            && EnforcementRules.MustBlock(reader.Evaluate(state, p, OwnScope(p), now), state.Blocks, now)).ToList();
        if (over.Count == 0)
        {
            return over;
        }

        var decided = loader.TermsWhenLastBlockedItsScope(state, over);
        return over.Where(p => !decided.TryGetValue(p.Id, out var then) || !SameTerms(then, p)).ToList();
    }

    private static ScopeInstance OwnScope(UsagePolicy policy) => new(policy.Scope.Type, policy.Scope.Key);

    /// <summary>
    /// Lifts the policy blocks that no longer hold, and moves the end of those of calendar windows that
    /// do to their window's reset when that has moved (a new window or time zone), with the amounts of now;
    /// a policy that now blocks until a person resumes drops the end of its blocks that hold.
    /// A block no longer holds when its policy was turned off or left block mode, or no longer covers what
    /// the block blocks (another scope; for a tier template, a user who now has an override). A block for
    /// <c>blockFor</c>, until resumed, or in a rolling window lasts its time however the counter falls, unless the policy's
    /// terms changed (<paramref name="changedTerms"/>: a raised limit, another metric, window or filter) so
    /// that it no longer holds.
    /// </summary>
    /// <param name="changedTerms">The policies whose terms changed, by id, with their terms before (null: new).</param>
    /// <param name="oldNames">The policies that were renamed, by id, with their names before.</param>
    public LiveTopics ReviewBlocks(MeterStatements sql, AccountMeterState state,
        IReadOnlyDictionary<long, UsagePolicy?> changedTerms, IReadOnlyDictionary<long, string> oldNames)
    {
        var now = clock.GetUtcNow();
        var lifted = new List<long>();
        foreach (var block in state.Blocks.Where(b => b.PolicyId is not null && b.HoldsAt(now)))
        {
            var policy = state.Policies.All.FirstOrDefault(p => p.Id == block.PolicyId);
            var evaluation = policy is { Action: PolicyAction.Block, IsInert: false } && StillCovers(state, policy, block.Target, changedTerms)
                ? reader.Evaluate(state, policy, block.Target, now)
                : null;
            var endsWithItsWindow = policy is { BlockFor: null, BlockUntilResumed: false, Window: WindowSpec.Fixed };
            if (evaluation is null || (!evaluation.IsAtOrOverLimit && (endsWithItsWindow || changedTerms.ContainsKey(policy!.Id))))
            {
                lifted.Add(block.Id);
            }
            else if (evaluation.IsAtOrOverLimit && (endsWithItsWindow || policy!.BlockUntilResumed)
                && EnforcementRules.BlockUntil(evaluation, now) is var until && until != block.Until)
            {
                var reason = BlockReason(evaluation);
                sql.MoveBlockEnd(block.Id, until, reason);
                state.Blocks = state.Blocks.Replace(block, block with { Until = until, Reason = reason });
            }
            else if (Reworded(block, evaluation, changedTerms, oldNames) is { } reason)
            {
                sql.RewordBlock(block.Id, reason);
                state.Blocks = state.Blocks.Replace(block, block with { Reason = reason });
            }
        }

        if (lifted.Count == 0)
        {
            return LiveTopics.Bot | LiveTopics.Counters;
        }

        sql.LiftBlocks(lifted, now, BlockRecord.LiftedByPolicyChange);
        state.Blocks = state.Blocks.RemoveAll(b => lifted.Contains(b.Id));
        return LiveTopics.Bot | LiveTopics.Counters | LiveTopics.Enforcement;
    }

    /// <summary>
    /// What a block that holds says once its policy was renamed or its terms changed, so that wherever the paused bot
    /// is shown, the policy and its limit are named as they are now. New terms are said anew (a kept block is over
    /// them); a new name alone keeps the amounts the block was made with. Null: the words stand.
    /// </summary>
    private static string? Reworded(Block block, PolicyEvaluation evaluation,
        IReadOnlyDictionary<long, UsagePolicy?> changedTerms, IReadOnlyDictionary<long, string> oldNames)
    {
        var policy = evaluation.Policy;
        if (changedTerms.ContainsKey(policy.Id))
        {
            return BlockReason(evaluation);
        }

        if (!oldNames.TryGetValue(policy.Id, out var oldName))
        {
            return null;
        }

        return block.Reason.StartsWith(oldName + ": ", StringComparison.Ordinal)
            ? policy.Name + block.Reason[oldName.Length..]
            : BlockReason(evaluation);
    }

    /// <summary>
    /// Whether the policy still covers what its block blocks. A tier template's blocks are on its users,
    /// whose tiers the meter does not keep: once the template names another scope, they were blocked as
    /// members of a tier it no longer covers (the next event of a user of the new tier blocks again).
    /// </summary>
    private static bool StillCovers(AccountMeterState state, UsagePolicy policy, ScopeInstance target, IReadOnlyDictionary<long, UsagePolicy?> changedTerms) =>
        state.Policies.AppliesTo(policy, target)
        && !(policy.Scope.Type == ScopeType.Tier && changedTerms.GetValueOrDefault(policy.Id) is { } before && !before.Scope.SameAs(policy.Scope));

    private static bool SameTerms(UsagePolicy before, UsagePolicy after) =>
        before.Limit == after.Limit && before.Metric == after.Metric && before.Window == after.Window
        && before.Filter == after.Filter && before.Scope.SameAs(after.Scope);
}
