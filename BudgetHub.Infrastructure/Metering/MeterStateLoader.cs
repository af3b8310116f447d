using System.Collections.Immutable;
using System.Text.Json;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Enforcement;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// Rebuilds an account's in-memory state from the database: policies, blocks, bots, and the
/// counter buckets of the current windows. Reads counter rows only, never raw events.
/// </summary>
internal sealed class MeterStateLoader(AccountDb db, CounterStore counters, TimeProvider clock)
{
    public AccountMeterState Load(long accountId)
    {
        using var context = db.For(accountId);
        var account = context.Accounts.AsNoTracking().FirstOrDefault(a => a.Id == accountId);
        var state = new AccountMeterState(accountId, ZoneOf(account?.TimeZone));
        ReloadPolicies(state, context);
        ReloadBlocks(state, context);
        ReloadBots(state, context);
        LoadAlerted(state, context);
        LoadCounters(state, context);
        return state;
    }

    public static TimeZoneInfo ZoneOf(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public void ReloadSettings(AccountMeterState state)
    {
        using var context = db.For(state.AccountId);
        var zone = context.Accounts.AsNoTracking().Where(a => a.Id == state.AccountId).Select(a => a.TimeZone).FirstOrDefault();
        state.Zone = ZoneOf(zone);
        ReloadPolicies(state, context);
        ReloadBlocks(state, context);
        ReloadBots(state, context);
    }

    private static void ReloadBots(AccountMeterState state, BudgetHubDbContext context)
    {
        foreach (var bot in context.Bots.AsNoTracking().Select(b => new { b.Id, b.Key, b.Team }))
        {
            state.Bots[bot.Key] = new BotState(bot.Id, bot.Key, bot.Team);
        }
    }

    private static void ReloadPolicies(AccountMeterState state, BudgetHubDbContext context)
    {
        var rows = context.Policies.AsNoTracking().Where(p => p.Kind == PolicyKind.Usage && p.Enabled).OrderBy(p => p.Id).ToList();
        state.Policies = new PolicySet(rows.Select(p => p.ToDomain()));
        state.Channels = rows.ToDictionary(p => p.Id, p => new Notifications.PolicyChannels(
            p.NotifyEmail, p.NotifyRecipients.Split(',', StringSplitOptions.RemoveEmptyEntries), p.NotifyInApp, p.WebhookUrl));
    }

    private void LoadAlerted(AccountMeterState state, BudgetHubDbContext context)
    {
        var open = context.Alerts.AsNoTracking()
            .Where(a => a.Kind == Notifications.AlertKind.Threshold && a.ResolvedAt == null)
            .GroupBy(a => new { a.PolicyId, a.ScopeType, a.ScopeKey, a.WindowStart })
            .Select(g => new { g.Key.PolicyId, g.Key.ScopeType, g.Key.ScopeKey, g.Key.WindowStart, Threshold = g.Max(a => a.Threshold) })
            .ToList();
        var now = clock.GetUtcNow();
        foreach (var alert in open)
        {
            var key = (alert.PolicyId, new ScopeInstance(alert.ScopeType, alert.ScopeKey));
            var start = CurrentWindowStart(state, alert.PolicyId, new DateTimeOffset(alert.WindowStart), now);
            if (!state.Alerted.TryGetValue(key, out var known) || known.WindowStart < start || (known.WindowStart == start && known.Threshold < alert.Threshold))
            {
                state.Alerted[key] = (start, alert.Threshold);
            }
        }
    }

    /// <summary>
    /// The alert's window start (Unix seconds), or the current window's when the alert was raised in
    /// the window that the current one replaced on a change of time zone (the same day, week or month
    /// less than a day apart): its thresholds are not alerted again.
    /// </summary>
    private static long CurrentWindowStart(AccountMeterState state, long policyId, DateTimeOffset alertStart, DateTimeOffset now)
    {
        var policy = state.Policies.All.FirstOrDefault(p => p.Id == policyId);
        if (policy?.Window is WindowSpec.Fixed { Unit: not CalendarUnit.Hour } fixedWindow)
        {
            var current = state.Calendar(fixedWindow.Unit, now).Start;
            if (current != alertStart && (current - alertStart).Duration() < TimeSpan.FromDays(1))
            {
                return current.ToUnixTimeSeconds();
            }
        }

        return alertStart.ToUnixTimeSeconds();
    }

    /// <summary>
    /// The terms each policy that holds a block had when it last blocked, as its audit recorded them (a
    /// policy without an audit entry from then is left out).
    /// </summary>
    public Dictionary<long, UsagePolicy> TermsWhenLastBlocked(AccountMeterState state, DateTimeOffset now)
    {
        var lastBlocked = state.Blocks.Where(b => b.PolicyId is not null && b.HoldsAt(now))
            .GroupBy(b => b.PolicyId!.Value)
            .ToDictionary(g => g.Key, g => g.Max(b => b.CreatedAt).UtcDateTime);
        if (lastBlocked.Count == 0)
        {
            return [];
        }

        using var context = db.For(state.AccountId);
        return TermsAt(context, lastBlocked);
    }

    /// <summary>
    /// For each of <paramref name="hardLimits"/>, the terms under which it last blocked its own scope, as its audit
    /// recorded them: that block's end (a person lifted it, or its time ran out) was a decision under those terms.
    /// Left out: a policy that never blocked its scope, or whose last block there a change of the policy lifted.
    /// A policy whose audit has no entry from then gets its terms of now: nothing says they changed.
    /// </summary>
    public Dictionary<long, UsagePolicy> TermsWhenLastBlockedItsScope(AccountMeterState state, IReadOnlyList<UsagePolicy> hardLimits)
    {
        using var context = db.For(state.AccountId);
        var lastBlocked = new Dictionary<long, DateTime>();
        foreach (var policy in hardLimits)
        {
            var last = context.Blocks.AsNoTracking()
                .Where(b => b.PolicyId == policy.Id && b.TargetType == policy.Scope.Type && b.TargetKey == policy.Scope.Key)
                .OrderByDescending(b => b.CreatedAt)
                .Select(b => new { b.CreatedAt, b.LiftedBy })
                .FirstOrDefault();
            if (last is not null && last.LiftedBy != BlockRecord.LiftedByPolicyChange)
            {
                lastBlocked[policy.Id] = last.CreatedAt;
            }
        }

        var terms = lastBlocked.Count == 0 ? [] : TermsAt(context, lastBlocked);
        foreach (var policy in hardLimits.Where(p => lastBlocked.ContainsKey(p.Id)))
        {
            terms.TryAdd(policy.Id, policy);
        }

        return terms;
    }

    /// <summary>The terms each policy had at its time, by its audit (a policy without an audit entry from then is left out).</summary>
    private static Dictionary<long, UsagePolicy> TermsAt(BudgetHubDbContext context, Dictionary<long, DateTime> times)
    {
        var policyIds = times.Keys.ToList();
        var audit = context.PolicyAudit.AsNoTracking().Where(a => policyIds.Contains(a.PolicyId)).ToList();
        var terms = new Dictionary<long, UsagePolicy>();
        foreach (var (policyId, at) in times)
        {
            var then = audit.Where(a => a.PolicyId == policyId && a.At <= at && a.Change != "deleted").MaxBy(a => a.At);
            if (then is not null && JsonSerializer.Deserialize<PolicyInput>(then.Snapshot) is { Kind: PolicyKind.Usage } input)
            {
                var row = new PolicyRecord { Id = policyId };
                PolicyValidator.Apply(input, row);
                terms[policyId] = row.ToDomain();
            }
        }

        return terms;
    }

    private static void ReloadBlocks(AccountMeterState state, BudgetHubDbContext context) =>
        state.Blocks = [.. context.Blocks.AsNoTracking()
            .Where(b => b.LiftedAt == null)
            .AsEnumerable()
            .Select(b => new Block(b.Id, b.PolicyId, new ScopeInstance(b.TargetType, b.TargetKey),
                b.Until is { } until ? new DateTimeOffset(until) : null, b.Reason, new DateTimeOffset(b.CreatedAt), b.PausedBy))];

    /// <summary>
    /// Loads the stored hours and days that can still be current, sums the days into the current
    /// weeks and months, and feeds the minutes that rolling windows need.
    /// </summary>
    private void LoadCounters(AccountMeterState state, BudgetHubDbContext context)
    {
        var now = clock.GetUtcNow();
        var rolling = state.Policies.All.Where(p => p.Window is WindowSpec.Rolling).ToList();
        var minuteFrom = rolling.Select(p => ((WindowSpec.Rolling)p.Window).FirstMinuteAt(now)).DefaultIfEmpty(now).Min().ToUnixTimeSeconds();
        var hourFrom = (now - TimeSpan.FromDays(2)).ToUnixTimeSeconds();
        // A day a day early: after a change of time zone, a stored day may start before the new zone's week or month.
        var dayFrom = Math.Min(state.Calendar(CalendarUnit.Week, now).Start.ToUnixTimeSeconds(), state.Calendar(CalendarUnit.Month, now).Start.ToUnixTimeSeconds()) - 86_400;
        var today = state.Calendar(CalendarUnit.Day, now).Start.ToUnixTimeSeconds();
        var rows = context.UsageCounters.AsNoTracking().Where(c =>
                (c.Granularity == "minute" && c.BucketStart >= minuteFrom)
                || (c.Granularity == "hour" && c.BucketStart >= hourFrom)
                || (c.Granularity == "day" && c.BucketStart >= dayFrom))
            .ToList();

        foreach (var row in rows)
        {
            var amounts = new UsageAmounts(row.Tokens, row.Messages, row.Conversations, row.CostMicros, row.Calls, row.Errors);
            // Folded as it is counted now: a tier's rows kept under a capital that the upgrade to one case left (see TierLabels) add in.
            var dimension = CounterNames.ParseDimension(row.Dimension);
            var key = new CounterKey(state.AccountId, dimension, CounterNames.KeyOf(dimension, row.DimensionKey), row.Filter,
                CounterNames.ParseGranularity(row.Granularity), row.BucketStart);
            switch (key.Granularity)
            {
                case Granularity.Minute:
                    // Policies of the same length share one counter: feed it once.
                    foreach (var window in rolling.Where(p => CounterNames.Of(p.Filter) == key.Filter && ReadsDimension(p, key.Dimension))
                        .Select(p => (WindowSpec.Rolling)p.Window).Distinct())
                    {
                        PolicyReader.RollingOf(state, key.Dimension, key.Key, key.Filter, window).Add(key.BucketStart, amounts, now);
                    }

                    break;
                case Granularity.Day:
                    if (row.BucketStart != today)
                    {
                        counters.Add(key, amounts);
                    }

                    // By the day's middle, which lies in the same day of the account's zone, or after a
                    // change of zone in the new zone's day that the stored day overlaps most.
                    var middle = DateTimeOffset.FromUnixTimeSeconds(row.BucketStart + 43_200);
                    foreach (var unit in (CalendarUnit[])[CalendarUnit.Week, CalendarUnit.Month])
                    {
                        var start = CalendarWindows.Containing(unit, middle, state.Zone).Start.ToUnixTimeSeconds();
                        counters.Add(key with { Granularity = CounterNames.Of(unit), BucketStart = start }, amounts);
                    }

                    break;
                case Granularity.Hour:
                    counters.Add(key, amounts);

                    // Today is the sum of its hours: the same as its stored day, and still right when the
                    // zone has just changed and no stored day starts where the new zone's today does.
                    if (row.BucketStart >= today)
                    {
                        counters.Add(key with { Granularity = Granularity.Day, BucketStart = today }, amounts);
                    }

                    break;
                default:
                    counters.Add(key, amounts);
                    break;
            }
        }
    }

    private static bool ReadsDimension(UsagePolicy policy, Dimension dimension) =>
        (policy.Scope.Type == ScopeType.Tier ? Dimension.User : CounterNames.Of(policy.Scope.Type)) == dimension;

    public IReadOnlyList<long> AllAccountIds()
    {
        using var context = db.System();
        return context.Accounts.AsNoTracking().Select(a => a.Id).ToList();
    }
}
