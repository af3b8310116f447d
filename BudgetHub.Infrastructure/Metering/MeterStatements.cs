using BudgetHub.Domain.Usage;
using Microsoft.Data.Sqlite;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// The writer's prepared statements on its own connection. Single-statement upserts keyed by
/// unique indexes: idempotency and counting never read before they write.
/// </summary>
internal sealed class MeterStatements : IDisposable
{
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _insertConversation;
    private readonly SqliteCommand _insertBot;
    private readonly SqliteCommand _touchBot;
    private readonly SqliteCommand _upsertCounter;
    private readonly SqliteCommand _upsertCounters;
    private readonly SqliteCommand _insertBlock;
    private readonly SqliteCommand _insertLog;
    private readonly SqliteCommand _foldLog;

    public MeterStatements(SqliteConnection connection)
    {
        Connection = connection;
        _insertEvent = Prepare(
            """
            INSERT INTO UsageEvents (AccountId, EventId, Timestamp, ReceivedAt, BotKey, UserId, Tier, Team, Model, Provider, Category,
                InputTokens, CachedInputTokens, OutputTokens, Messages, ConversationId, CostMicros, Priced, IsError)
            VALUES ($a, $id, $ts, $rt, $bot, $user, $tier, $team, $model, $provider, $category, $in, $cin, $out, $msg, $conv, $cost, $priced, $err)
            ON CONFLICT (AccountId, EventId) DO NOTHING
            """,
            "$a", "$id", "$ts", "$rt", "$bot", "$user", "$tier", "$team", "$model", "$provider", "$category", "$in", "$cin", "$out", "$msg", "$conv", "$cost", "$priced", "$err");
        _insertConversation = Prepare(
            "INSERT INTO Conversations (AccountId, ConversationId, BotKey, FirstSeenAt) VALUES ($a, $c, $bot, $ts) ON CONFLICT DO NOTHING",
            "$a", "$c", "$bot", "$ts");
        _insertBot = Prepare(
            """
            INSERT INTO Bots (AccountId, Key, Name, Team, CreatedAt, LastSeenAt) VALUES ($a, $key, $key, $team, $ts, $ts)
            ON CONFLICT (AccountId, Key) DO UPDATE SET Team = coalesce(Bots.Team, excluded.Team)
            RETURNING Id, Team
            """,
            "$a", "$key", "$team", "$ts");
        _touchBot = Prepare("UPDATE Bots SET LastSeenAt = max(LastSeenAt, $ts) WHERE Id = $id", "$id", "$ts");
        _upsertCounter = Prepare(
            """
            INSERT INTO UsageCounters (AccountId, Dimension, DimensionKey, Filter, Granularity, BucketStart,
                Tokens, Messages, Conversations, CostMicros, Calls, Errors, UnpricedCalls)
            VALUES ($a, $d, $k, $f, $g, $b, $t, $m, $c, $cost, $calls, $e, $u)
            ON CONFLICT (AccountId, Dimension, DimensionKey, Filter, Granularity, BucketStart) DO UPDATE SET
                Tokens = Tokens + excluded.Tokens, Messages = Messages + excluded.Messages,
                Conversations = Conversations + excluded.Conversations, CostMicros = CostMicros + excluded.CostMicros,
                Calls = Calls + excluded.Calls, Errors = Errors + excluded.Errors, UnpricedCalls = UnpricedCalls + excluded.UnpricedCalls
            """,
            "$a", "$d", "$k", "$f", "$g", "$b", "$t", "$m", "$c", "$cost", "$calls", "$e", "$u");
        _upsertCounters = Prepare(CounterUpsert(CountersPerStatement), Enumerable.Range(0, CountersPerStatement * 13).Select(i => $"$p{i}").ToArray());
        _insertBlock = Prepare(
            """
            INSERT INTO Blocks (AccountId, PolicyId, TargetType, TargetKey, Until, Reason, CreatedAt)
            VALUES ($a, $p, $tt, $tk, $until, $reason, $ts) RETURNING Id
            """,
            "$a", "$p", "$tt", "$tk", "$until", "$reason", "$ts");
        _insertLog = Prepare(
            """
            INSERT INTO EnforcementLog (AccountId, Time, LastAt, BotKey, UserId, Action, Value, "Limit", Metric, "Window", PolicyId, PolicyName, Count)
            VALUES ($a, $ts, $ts, $bot, $user, $action, $v, $l, $metric, $w, $p, $pn, 1) RETURNING Id
            """,
            "$a", "$ts", "$bot", "$user", "$action", "$v", "$l", "$metric", "$w", "$p", "$pn");
        _foldLog = Prepare(
            "UPDATE EnforcementLog SET Count = Count + 1, LastAt = $ts, Value = max(Value, $v) WHERE Id = $id",
            "$id", "$ts", "$v");
    }

    /// <summary>Counter rows upserted by one statement: one step instead of 64 on the hot path.</summary>
    public const int CountersPerStatement = 64;

    public SqliteConnection Connection { get; }

    private static string CounterUpsert(int rows)
    {
        var values = string.Join(",", Enumerable.Range(0, rows).Select(r =>
            "(" + string.Join(",", Enumerable.Range(r * 13, 13).Select(i => $"$p{i}")) + ")"));
        return $"""
            INSERT INTO UsageCounters (AccountId, Dimension, DimensionKey, Filter, Granularity, BucketStart,
                Tokens, Messages, Conversations, CostMicros, Calls, Errors, UnpricedCalls)
            VALUES {values}
            ON CONFLICT (AccountId, Dimension, DimensionKey, Filter, Granularity, BucketStart) DO UPDATE SET
                Tokens = Tokens + excluded.Tokens, Messages = Messages + excluded.Messages,
                Conversations = Conversations + excluded.Conversations, CostMicros = CostMicros + excluded.CostMicros,
                Calls = Calls + excluded.Calls, Errors = Errors + excluded.Errors, UnpricedCalls = UnpricedCalls + excluded.UnpricedCalls
            """;
    }

    private SqliteCommand[] Commands => [_insertEvent, _insertConversation, _insertBot, _touchBot, _upsertCounter, _upsertCounters, _insertBlock, _insertLog, _foldLog];

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    public SqliteTransaction? Transaction { get; private set; }

    public void Use(SqliteTransaction? transaction)
    {
        Transaction = transaction;
        foreach (var command in Commands)
        {
            command.Transaction = transaction;
        }
    }

    /// <returns>false when the account already has an event with this id.</returns>
    public bool InsertEvent(long accountId, UsageEventInput e, DateTimeOffset timestamp, DateTimeOffset receivedAt, string? team, long costMicros, bool priced)
    {
        Bind(_insertEvent, accountId, e.Id, SqliteText.Time(timestamp), SqliteText.Time(receivedAt), e.BotId, e.UserId, e.Tier, team,
            e.Model, e.Provider, e.Category, e.InputTokens, e.CachedInputTokens, e.OutputTokens, e.Messages, e.ConversationId, costMicros, priced, e.Error);
        return _insertEvent.ExecuteNonQuery() == 1;
    }

    /// <returns>true when this is the conversation's first event.</returns>
    public bool InsertConversation(long accountId, string conversationId, string botKey, DateTimeOffset timestamp)
    {
        Bind(_insertConversation, accountId, conversationId, botKey, SqliteText.Time(timestamp));
        return _insertConversation.ExecuteNonQuery() == 1;
    }

    public BotState UpsertBot(long accountId, string key, string? team, DateTimeOffset at)
    {
        Bind(_insertBot, accountId, key, team, SqliteText.Time(at));
        using var reader = _insertBot.ExecuteReader();
        reader.Read();
        return new BotState(reader.GetInt64(0), key, reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    public void TouchBot(long botId, DateTimeOffset at)
    {
        Bind(_touchBot, botId, SqliteText.Time(at));
        _touchBot.ExecuteNonQuery();
    }

    /// <summary>Adds many counter deltas, <see cref="CountersPerStatement"/> rows per statement (each key at most once).</summary>
    public void AddToCounters(IReadOnlyList<(CounterKey Key, UsageAmounts Amounts, long Unpriced)> deltas)
    {
        var full = deltas.Count / CountersPerStatement * CountersPerStatement;
        for (var offset = 0; offset < full; offset += CountersPerStatement)
        {
            var p = 0;
            for (var i = offset; i < offset + CountersPerStatement; i++)
            {
                var (key, a, unpriced) = deltas[i];
                foreach (var value in (object[])[key.AccountId, CounterNames.Of(key.Dimension), key.Key, key.Filter, CounterNames.Of(key.Granularity), key.BucketStart,
                    a.Tokens, a.Messages, a.Conversations, a.CostMicros, a.Calls, a.Errors, unpriced])
                {
                    _upsertCounters.Parameters[p++].Value = value;
                }
            }

            _upsertCounters.ExecuteNonQuery();
        }

        for (var i = full; i < deltas.Count; i++)
        {
            AddToCounter(deltas[i].Key, deltas[i].Amounts, deltas[i].Unpriced);
        }
    }

    public void AddToCounter(CounterKey key, UsageAmounts amounts, long unpricedCalls)
    {
        Bind(_upsertCounter, key.AccountId, CounterNames.Of(key.Dimension), key.Key, key.Filter, CounterNames.Of(key.Granularity), key.BucketStart,
            amounts.Tokens, amounts.Messages, amounts.Conversations, amounts.CostMicros, amounts.Calls, amounts.Errors, unpricedCalls);
        _upsertCounter.ExecuteNonQuery();
    }

    public long InsertBlock(long accountId, long? policyId, string targetType, string targetKey, DateTimeOffset? until, string reason, DateTimeOffset at)
    {
        Bind(_insertBlock, accountId, policyId, targetType, targetKey, until is { } u ? SqliteText.Time(u) : null, reason, SqliteText.Time(at));
        return (long)_insertBlock.ExecuteScalar()!;
    }

    public long InsertLog(long accountId, DateTimeOffset at, string botKey, string? userId, string action, long value, long limit, string metric, string window, long? policyId, string policyName)
    {
        Bind(_insertLog, accountId, SqliteText.Time(at), botKey, userId, action, value, limit, metric, window, policyId, policyName);
        return (long)_insertLog.ExecuteScalar()!;
    }

    public void FoldLog(long rowId, DateTimeOffset at, long value)
    {
        Bind(_foldLog, rowId, SqliteText.Time(at), value);
        _foldLog.ExecuteNonQuery();
    }

    public void LiftBlocks(IEnumerable<long> blockIds, DateTimeOffset at, string by)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = _insertBlock.Transaction;
        command.CommandText = "UPDATE Blocks SET LiftedAt = $at, LiftedBy = $by WHERE Id = $id AND LiftedAt IS NULL";
        var id = command.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        command.Parameters.AddWithValue("$at", SqliteText.Time(at));
        command.Parameters.AddWithValue("$by", by);
        foreach (var blockId in blockIds)
        {
            id.Value = blockId;
            command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        foreach (var command in Commands)
        {
            command.Dispose();
        }
    }
}
