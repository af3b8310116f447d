using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// Counts again the events stored after the <see cref="MeterCheckpoint"/>: their counters were in
/// memory only when the process died (start-up) or a commit failed (its accounts were reloaded from
/// the stored counters). Reads only that short tail of events, by row id.
/// </summary>
internal sealed class CounterRecovery(MeterRegistry registry, EventCounter counter, TimeProvider clock)
{
    /// <param name="accounts">Only these accounts' events; null for all.</param>
    /// <returns>How many events were counted again.</returns>
    public int Recount(MeterStatements sql, IReadOnlySet<long>? accounts)
    {
        using var command = HandSql.Command(sql.Connection, sql.Transaction,
            $"""
            SELECT e.AccountId, e.EventId, e.Timestamp, e.BotKey, e.UserId, e.Tier, e.Team, e.Model, e.Provider, e.Category,
                e.InputTokens, e.OutputTokens, e.Messages, e.CostMicros, e.Priced, e.IsError, coalesce(c.FirstEventId = e.Id, false)
            FROM UsageEvents AS e{sql.Database.NotIndexed}
            LEFT JOIN Conversations AS c ON c.AccountId = e.AccountId AND c.ConversationId = e.ConversationId
            WHERE e.Id > (SELECT CountedThroughEventId FROM MeterCheckpoints WHERE Id = 1)
            ORDER BY e.Id
            """);
        var now = clock.GetUtcNow();
        var recounted = 0;
        var applicable = new List<(UsagePolicy, ScopeInstance)>();
        var counted = new List<CountedPolicy>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var accountId = reader.GetInt64(0);
            if (accounts is not null && !accounts.Contains(accountId))
            {
                continue;
            }

            var state = registry.Get(accountId);
            var timestamp = HandSql.ReadTime(reader, 2);
            var team = HandSql.TextOrNull(reader, 6);
            var e = new UsageEventInput(reader.GetString(1), timestamp, reader.GetString(3), HandSql.TextOrNull(reader, 4), HandSql.TextOrNull(reader, 5), team,
                HandSql.TextOrNull(reader, 7), HandSql.TextOrNull(reader, 8), HandSql.TextOrNull(reader, 9));
            var amounts = new UsageAmounts(reader.GetInt64(10) + reader.GetInt64(11), reader.GetInt64(12), reader.GetBoolean(16) ? 1 : 0, reader.GetInt64(13), 1, reader.GetBoolean(15) ? 1 : 0);
            var subject = new EnforcementSubject(e.BotId, team, e.UserId, e.Tier, e.Model, e.Category);
            counter.Count(state, e, team, timestamp, state.Policies.For(subject, matchFilters: true, applicable), amounts, unpriced: !reader.GetBoolean(14), now, counted);
            recounted++;
        }

        return recounted;
    }
}
