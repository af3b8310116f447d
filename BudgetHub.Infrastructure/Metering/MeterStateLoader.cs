using System.Collections.Immutable;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;
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

    private static void ReloadPolicies(AccountMeterState state, BudgetHubDbContext context) =>
        state.Policies = [.. context.Policies.AsNoTracking()
            .Where(p => p.Kind == PolicyKind.Usage && p.Enabled)
            .OrderBy(p => p.Id)
            .AsEnumerable()
            .Select(p => p.ToDomain())];

    private static void ReloadBlocks(AccountMeterState state, BudgetHubDbContext context) =>
        state.Blocks = [.. context.Blocks.AsNoTracking()
            .Where(b => b.LiftedAt == null)
            .AsEnumerable()
            .Select(b => new Block(b.Id, b.PolicyId, new ScopeInstance(b.TargetType, b.TargetKey),
                b.Until is { } until ? new DateTimeOffset(until) : null, b.Reason, new DateTimeOffset(b.CreatedAt)))];

    /// <summary>Loads the buckets of the windows that can still be current, and the minutes rolling windows need.</summary>
    private void LoadCounters(AccountMeterState state, BudgetHubDbContext context)
    {
        var now = clock.GetUtcNow();
        var longestRolling = state.Policies.Select(p => p.Window).OfType<WindowSpec.Rolling>()
            .Select(r => r.Duration).DefaultIfEmpty(TimeSpan.Zero).Max();
        var minuteFrom = (now - longestRolling).ToUnixTimeSeconds() - 60;
        var hourFrom = (now - TimeSpan.FromDays(2)).ToUnixTimeSeconds();
        var weekFrom = (now - TimeSpan.FromDays(8)).ToUnixTimeSeconds();
        var monthFrom = (now - TimeSpan.FromDays(32)).ToUnixTimeSeconds();
        var rows = context.UsageCounters.AsNoTracking().Where(c =>
                (c.Granularity == "minute" && c.BucketStart >= minuteFrom)
                || ((c.Granularity == "hour" || c.Granularity == "day") && c.BucketStart >= hourFrom)
                || (c.Granularity == "week" && c.BucketStart >= weekFrom)
                || (c.Granularity == "month" && c.BucketStart >= monthFrom))
            .ToList();

        var rolling = state.Policies.Where(p => p.Window is WindowSpec.Rolling).ToList();
        foreach (var row in rows)
        {
            var amounts = new UsageAmounts(row.Tokens, row.Messages, row.Conversations, row.CostMicros, row.Calls, row.Errors);
            var key = new CounterKey(state.AccountId, CounterNames.ParseDimension(row.Dimension), row.DimensionKey, row.Filter,
                CounterNames.ParseGranularity(row.Granularity), row.BucketStart);
            if (key.Granularity != Granularity.Minute)
            {
                counters.Set(key, amounts);
                continue;
            }

            foreach (var policy in rolling.Where(p => CounterNames.Of(p.Filter) == key.Filter && ReadsDimension(p, key.Dimension)))
            {
                var duration = ((WindowSpec.Rolling)policy.Window).Duration;
                PolicyReader.RollingOf(state, key.Dimension, key.Key, key.Filter, duration).Add(key.BucketStart, amounts, now);
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
