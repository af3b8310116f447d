using BudgetHub.Domain.Budgets;
using BudgetHub.Infrastructure.Metering;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace BudgetHub.Web.Tests.Metering;

/// <summary>
/// A new rolling window counts the usage already inside it, in the writer, which every account's
/// ingestion waits for: it reads the events received since the window began, not every account's history.
/// </summary>
public sealed class RollingBackfillTests
{
    private const int OtherAccountsOlderEvents = 100_000;

    private static DateTimeOffset At(int hour, int minute, int second) => new(2026, 11, 23, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public async Task ANewRollingWindow_SkipsOtherAccountsOlderEvents_AndCountsItsOwnFromTheOldestMinuteItReads()
    {
        var engine = new EngineSteps();
        await using var meter = await MeterHarness.StartAsync(At(10, 0, 30), services => services.AddSingleton<IMeterConnections>(
            provider => engine.Counting(ActivatorUtilities.CreateInstance<SqliteMeterConnections>(provider))));
        var other = meter.AccountId + 1;
        // Another account's events of the day before, with gaps in their ids (as retention leaves them).
        await meter.ChangeDatabaseAsync($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {OtherAccountsOlderEvents})
            INSERT INTO UsageEvents (Id, AccountId, EventId, Timestamp, ReceivedAt, BotKey, InputTokens, CachedInputTokens, OutputTokens, Messages, CostMicros, Priced, IsError)
            SELECT 3 * i, {other}, 'old-' || i, '2026-11-22 10:00:00', '2026-11-22 10:00:00', 'b', 1, 0, 1, 1, 0, 1, 0 FROM n
            """);
        await meter.RecordAsync("b", 0); // 10:00:30, in the minute before the window's oldest
        meter.Clock.SetUtcNow(At(10, 1, 0));
        await meter.RecordAsync("b", 0);
        meter.Clock.SetUtcNow(At(10, 1, 59));
        await meter.RecordAsync("b", 0);
        await meter.RecordAsync("c", 0);
        meter.Clock.SetUtcNow(At(10, 40, 0));
        await meter.RecordAsync("b", 0);
        // The other account's bot of the same name, inside the window.
        await meter.ChangeDatabaseAsync($"""
            INSERT INTO UsageEvents (AccountId, EventId, Timestamp, ReceivedAt, BotKey, InputTokens, CachedInputTokens, OutputTokens, Messages, CostMicros, Priced, IsError)
            VALUES ({other}, 'new', '2026-11-23 10:40:00', '2026-11-23 10:40:00', 'b', 1, 0, 1, 1, 0, 1, 0)
            """);
        meter.Clock.SetUtcNow(At(11, 1, 50)); // the window's oldest minute is 10:01
        var before = engine.Steps;

        var policy = await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Bot, "b", 100) with { WindowUnit = null, RollingDuration = "PT1H" });

        Assert.InRange(engine.Steps - before, 0, OtherAccountsOlderEvents / 20);
        Assert.Equal(3, meter.Standing(policy.Id));
        meter.Clock.SetUtcNow(At(11, 2, 0)); // the 10:01 minute has left
        Assert.Equal(1, meter.Standing(policy.Id));
    }

    /// <summary>
    /// The steps SQLite's engine takes on the meter's connections: a step reads at most one row, so reading
    /// every older event of the other account would take more steps than there are of them.
    /// </summary>
    private sealed class EngineSteps
    {
        private long _steps;

        public long Steps => Interlocked.Read(ref _steps);

        public IMeterConnections Counting(IMeterConnections connections) => new CountingConnections(connections, this);

        private sealed class CountingConnections(IMeterConnections connections, EngineSteps steps) : IMeterConnections
        {
            public IMeterConnection Open()
            {
                var connection = connections.Open();
                raw.sqlite3_progress_handler(((SqliteConnection)connection.Connection).Handle, 1, _ =>
                {
                    Interlocked.Increment(ref steps._steps);
                    return 0;
                }, null);
                return connection;
            }
        }
    }
}
