using System.Data.Common;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>A rolling window as the counters keep it: dimension, filter and length.</summary>
internal readonly record struct RollingFamily(Dimension Dimension, string Filter, long Seconds)
{
    public WindowSpec.Rolling Window => new(TimeSpan.FromSeconds(Seconds));

    public static HashSet<RollingFamily> Of(PolicySet policies) =>
        [.. policies.All.Where(p => p.Window is WindowSpec.Rolling).Select(p => new RollingFamily(
            p.Scope.Type == ScopeType.Tier ? Dimension.User : CounterNames.Of(p.Scope.Type),
            CounterNames.Of(p.Filter),
            (long)((WindowSpec.Rolling)p.Window).Duration.TotalSeconds))];
}

/// <summary>
/// A rolling window that starts to be read (a new policy, or a new length) counts the usage already
/// inside it. Runs in the writer, in a commit of its own, so no event is missed or counted twice:
/// the raw events received since the window began are summed per minute; the sums seed the new
/// counters and raise the stored minute buckets.
/// </summary>
internal static class RollingBackfill
{
    /// <summary>
    /// Receipt times come from the writer's clock, which may have stepped back a little: rows received
    /// this long before the window began are read too.
    /// </summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(5);

    public static void Run(MeterStatements sql, AccountMeterState state, IReadOnlySet<RollingFamily> added, DateTimeOffset now)
    {
        if (added.Count == 0)
        {
            return;
        }

        var since = added.Min(f => f.Window.FirstMinuteAt(now));
        var sums = SumMinutes(sql, state, added, since);
        foreach (var stale in state.Rolling.Keys.Where(k => added.Contains(new RollingFamily(k.Dimension, k.Filter, k.Seconds))))
        {
            state.Rolling.TryRemove(stale, out _);
        }

        foreach (var ((family, key, minute), amounts) in sums)
        {
            PolicyReader.RollingOf(state, family.Dimension, key, family.Filter, family.Window).Add(minute, amounts, now);
        }

        RaiseStoredMinutes(sql, state.AccountId, sums);
    }

    private static Dictionary<(RollingFamily Family, string Key, long Minute), UsageAmounts> SumMinutes(
        MeterStatements sql, AccountMeterState state, IReadOnlySet<RollingFamily> added, DateTimeOffset since)
    {
        // Only the rows received since the window began (less the slack), in row-id order: SQLite would
        // otherwise walk the account's (AccountId, EventId) index, every event the account ever sent.
        using var command = HandSql.Command(sql.Connection, sql.Transaction,
            $"""
            SELECT e.Timestamp, e.BotKey, e.Team, e.UserId, e.Tier, e.Model, e.Category,
                e.InputTokens + e.OutputTokens, e.Messages, e.CostMicros, e.IsError,
                coalesce(c.FirstEventId = e.Id OR (c.FirstEventId = 0 AND c.FirstSeenAt = e.Timestamp AND c.BotKey = e.BotKey), false)
            FROM UsageEvents AS e{sql.Database.NotIndexed}
            LEFT JOIN Conversations AS c ON c.AccountId = e.AccountId AND c.ConversationId = e.ConversationId
            WHERE e.Id >= @first AND e.AccountId = @account
            ORDER BY e.Id
            """, ("@first", FirstIdReceivedFrom(sql, since - ClockSlack)), ("@account", state.AccountId));
        var sums = new Dictionary<(RollingFamily, string, long), UsageAmounts>();
        var keys = new HashSet<(RollingFamily, string, long)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var timestamp = HandSql.ReadTime(reader, 0);
            if (timestamp < since)
            {
                continue;
            }

            var subject = new EnforcementSubject(reader.GetString(1), HandSql.TextOrNull(reader, 2), HandSql.TextOrNull(reader, 3), HandSql.TextOrNull(reader, 4), HandSql.TextOrNull(reader, 5), HandSql.TextOrNull(reader, 6));
            var minute = MinuteBuckets.StartOf(timestamp).ToUnixTimeSeconds();
            keys.Clear();
            foreach (var (policy, instance) in state.Policies.For(subject, matchFilters: true))
            {
                if (policy.Window is WindowSpec.Rolling rolling
                    && new RollingFamily(CounterNames.Of(instance.Type), CounterNames.Of(policy.Filter), (long)rolling.Duration.TotalSeconds) is var family
                    && added.Contains(family))
                {
                    keys.Add((family, instance.Key, minute));
                }
            }

            var amounts = new UsageAmounts(reader.GetInt64(7), reader.GetInt64(8), reader.GetBoolean(11) ? 1 : 0, reader.GetInt64(9), 1, reader.GetBoolean(10) ? 1 : 0);
            foreach (var key in keys)
            {
                sums[key] = sums.GetValueOrDefault(key) + amounts;
            }
        }

        return sums;
    }

    /// <summary>
    /// The lowest row id, of any account, received at or after <paramref name="from"/>. Row ids grow with
    /// receipt times, so a binary search over ids finds it in a few dozen point lookups instead of reading
    /// every account's events back to it.
    /// </summary>
    private static long FirstIdReceivedFrom(MeterStatements sql, DateTimeOffset from)
    {
        using var newest = HandSql.Command(sql.Connection, sql.Transaction, "SELECT coalesce(max(Id), 0) FROM UsageEvents");
        using var next = HandSql.Command(sql.Connection, sql.Transaction,
            "SELECT Id, ReceivedAt FROM UsageEvents WHERE Id >= @id ORDER BY Id LIMIT 1", ("@id", 0L));
        // The answer lies in [low, high]; high is past the newest row.
        var (low, high) = (0L, (long)newest.ExecuteScalar()! + 1);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            next.Parameters[0].Value = middle;
            using var reader = next.ExecuteReader();
            if (!reader.Read() || HandSql.ReadTime(reader, 1) >= from)
            {
                high = middle;
            }
            else
            {
                // No row lies between middle and this one: the answer is past both.
                low = reader.GetInt64(0) + 1;
            }
        }

        return low;
    }

    /// <summary>
    /// A stored minute may already count some of these events (for another window of the same
    /// dimension and filter): each column keeps the larger of the two, which counts every event once.
    /// </summary>
    private static void RaiseStoredMinutes(MeterStatements sql, long accountId, Dictionary<(RollingFamily Family, string Key, long Minute), UsageAmounts> sums)
    {
        var max = sql.Database.Greatest;
        using var command = HandSql.Command(sql.Connection, sql.Transaction,
            $"""
            INSERT INTO UsageCounters (AccountId, Dimension, DimensionKey, Filter, Granularity, BucketStart,
                Tokens, Messages, Conversations, CostMicros, Calls, Errors, UnpricedCalls)
            VALUES (@account, @dimension, @key, @filter, 'minute', @minute, @tokens, @messages, @conversations, @cost, @calls, @errors, 0)
            ON CONFLICT (AccountId, Dimension, DimensionKey, Filter, Granularity, BucketStart) DO UPDATE SET
                Tokens = {max}(UsageCounters.Tokens, excluded.Tokens), Messages = {max}(UsageCounters.Messages, excluded.Messages),
                Conversations = {max}(UsageCounters.Conversations, excluded.Conversations), CostMicros = {max}(UsageCounters.CostMicros, excluded.CostMicros),
                Calls = {max}(UsageCounters.Calls, excluded.Calls), Errors = {max}(UsageCounters.Errors, excluded.Errors)
            """, ("@account", accountId), ("@dimension", ""), ("@key", ""), ("@filter", ""), ("@minute", 0L), ("@tokens", 0L), ("@messages", 0L),
            ("@conversations", 0L), ("@cost", 0L), ("@calls", 0L), ("@errors", 0L));
        var parameters = command.Parameters.Cast<DbParameter>().Skip(1).ToArray();
        // Families of different lengths share their minutes: each minute is written once.
        foreach (var group in sums.GroupBy(s => (s.Key.Family.Dimension, s.Key.Family.Filter, s.Key.Key, s.Key.Minute)))
        {
            var amounts = group.MaxBy(s => s.Value.Calls).Value;
            object[] values = [CounterNames.Of(group.Key.Dimension), group.Key.Key, group.Key.Filter, group.Key.Minute,
                amounts.Tokens, amounts.Messages, amounts.Conversations, amounts.CostMicros, amounts.Calls, amounts.Errors];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i];
            }

            command.ExecuteNonQuery();
        }
    }
}
