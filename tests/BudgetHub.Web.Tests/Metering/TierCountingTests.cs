using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BudgetHub.Web.Tests.Metering;

/// <summary>Tier labels match in any case: "Pro", "pro" and "PRO" are one tier for templates, counters and checks.</summary>
public sealed class TierCountingTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ATierTemplate_HoldsItsUsers_WhateverCaseTheirEventsAndChecksUse()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Tier, "Pro", 2));

        await meter.RecordAsync("bot", 0, "u1", "pro");
        var second = (await meter.RecordAsync("bot", 0, "u1", "PRO")).Results[0];

        Assert.Equal(EnforcementAction.Block, second.Action);
        Assert.False(meter.Allowed("bot", "u1", "pRo"));
        Assert.True(meter.Allowed("bot", "u2", "pro"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ATiersCounters_AndTheUsageByTier_AreOneWhateverTheCase_AlsoAfterARestart(bool countersLost)
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Tier, "Pro", 100));
        await meter.RecordAsync("bot", 0, "u1", "Pro");
        await meter.RecordAsync("bot", 0, "u2", "pro");
        await meter.RecordAsync("bot", 0, "u3", "PRO");
        await meter.RecordAsync("bot", 0, "u4", "free");
        await AssertCallsByTierAsync(meter);

        await meter.RestartAsync(countersLost);

        await AssertCallsByTierAsync(meter);
    }

    private static async Task AssertCallsByTierAsync(MeterHarness meter)
    {
        Assert.Equal(3, meter.Meter.Current(meter.AccountId, Dimension.Tier, "Pro", Granularity.Day).Calls);
        Assert.Equal(3, meter.Meter.Current(meter.AccountId, Dimension.Tier, "pro", Granularity.Day).Calls);
        var template = Assert.Single(meter.Meter.Standings(meter.AccountId));
        Assert.Equal(3, template.Value);

        var summary = await meter.Usage.SummarizeAsync(meter.AccountId, Monday.AddHours(-1), Monday.AddHours(1), Dimension.Tier, interval: null);
        Assert.Equal([("free", 1L), ("pro", 3L)], summary.Groups.Select(g => (g.Key!, g.Amounts.Calls)).OrderBy(g => g.Item1));
        var onlyPro = await meter.Usage.SummarizeAsync(meter.AccountId, Monday.AddHours(-1), Monday.AddHours(1), Dimension.Tier, interval: null, onlyKey: "PRO");
        Assert.Equal(3, onlyPro.Totals.Calls);
    }

    /// <summary>
    /// The upgrade that merged a tier's counters kept in several cases folds with SQLite's lower(), ASCII only: a label
    /// such as "Élite" keeps its rows as they were, while the app counts it under "élite" from then on.
    /// </summary>
    [Fact]
    public async Task ATiersCountersKeptUnderANonAsciiCapital_CountAsOneWithThoseOfNow_InTheMeterAndTheUsageByTier()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        var (hour, day) = (Monday.ToUnixTimeSeconds(), Monday.UtcDateTime.Date.Subtract(DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond);
        await meter.ChangeDatabaseAsync(
            $"""
            INSERT INTO UsageCounters (AccountId, Dimension, DimensionKey, Filter, Granularity, BucketStart, Tokens, Messages, Conversations, CostMicros, Calls, Errors, UnpricedCalls)
            SELECT {meter.AccountId}, dimension, label, '', granularity, bucket, 0, 0, 0, 0, 2, 0, 0
            FROM (SELECT 'tier' AS dimension, 'Élite' AS label UNION ALL SELECT 'account', '')
            CROSS JOIN (SELECT 'hour' AS granularity, {hour} AS bucket UNION ALL SELECT 'day', {day})
            """);
        await meter.RestartAsync();

        await meter.RecordAsync("bot", 0, "u1", "Élite");

        Assert.Equal(3, meter.Meter.Current(meter.AccountId, Dimension.Tier, "ÉLITE", Granularity.Day).Calls);
        var summary = await meter.Usage.SummarizeAsync(meter.AccountId, Monday.AddHours(-1), Monday.AddHours(1), Dimension.Tier, interval: null);
        Assert.Equal([("élite", 3L)], summary.Groups.Select(g => (g.Key!, g.Amounts.Calls)));
        var byDay = await meter.Usage.SummarizeAsync(meter.AccountId, Monday.AddDays(-10), Monday.AddHours(1), Dimension.Tier, interval: null, onlyKey: "élite");
        Assert.Equal(3, byDay.Totals.Calls);
    }

    [Fact]
    public void ATiersCounterKey_IsItsLabelInLowerCase_AndTakesNoAllocation_OnceSeen()
    {
        Assert.Equal("enterprise", TierLabels.CounterKey("Enterprise"));
        Assert.Same(TierLabels.CounterKey("Enterprise"), TierLabels.CounterKey("ENTERPRISE"));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            TierLabels.CounterKey("Enterprise");
            TierLabels.CounterKey("eNTERPRISE");
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void ATemplatesLookup_ForATierInAnotherCase_AllocatesNothing()
    {
        var policies = new PolicySet([new UsagePolicy(1, "Pro calls", new PolicyScope(ScopeType.Tier, "pro"), Domain.Usage.Metric.Calls, 5,
            Domain.Common.WindowSpec.Calendar(Domain.Common.CalendarUnit.Day), [], PolicyAction.Block, null, PolicyFilter.None)]);
        var subject = new EnforcementSubject("bot", null, "u1", "PRO");
        var applicable = new List<(UsagePolicy, ScopeInstance)>();
        policies.For(subject, matchFilters: true, applicable);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            policies.For(subject, matchFilters: true, applicable);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Single(applicable);
    }

    [Fact]
    public void UpgradingTheDatabase_MergesATiersCountersKeptInSeveralCases()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tiers-{Guid.NewGuid():N}.db");
        try
        {
            using (var context = new BudgetHubDbContext(new DbContextOptionsBuilder<BudgetHubDbContext>().UseSqlite($"Data Source={path}").Options))
            {
                var migrator = context.GetService<IMigrator>();
                migrator.Migrate("20261124200734_ManualPausesInTheLog");
                context.Database.ExecuteSqlRaw(
                    """
                    INSERT INTO Accounts (Name, TimeZone, CreatedAt) VALUES ('A', 'UTC', '2026-11-23 00:00:00');
                    INSERT INTO UsageCounters (AccountId, Dimension, DimensionKey, Filter, Granularity, BucketStart, Tokens, Messages, Conversations, CostMicros, Calls, Errors, UnpricedCalls)
                    VALUES (1, 'tier', 'Pro', '', 'day', 100, 10, 0, 0, 5, 1, 0, 0), (1, 'tier', 'PRO', '', 'day', 100, 20, 0, 0, 5, 2, 0, 0),
                           (1, 'tier', 'pro', '', 'day', 100, 30, 0, 0, 5, 3, 0, 1), (1, 'tier', 'Pro', '', 'day', 200, 1, 0, 0, 0, 1, 0, 0),
                           (1, 'tier', 'ÉLITE', '', 'day', 300, 4, 0, 0, 0, 1, 0, 0), (1, 'bot', 'Support', '', 'day', 100, 7, 0, 0, 0, 1, 0, 0);
                    """);

                migrator.Migrate();
            }

            using var connection = new SqliteConnection($"Data Source={path}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT Dimension, DimensionKey, BucketStart, Tokens, Calls, UnpricedCalls, CostMicros FROM UsageCounters ORDER BY Dimension, BucketStart";
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetInt64(2)}: {reader.GetInt64(3)} tokens, {reader.GetInt64(4)} calls, {reader.GetInt64(5)} unpriced, {reader.GetInt64(6)} µ$");
            }

            Assert.Equal(
                // SQLite's lower() leaves the É: the meter and the usage queries read that row as "élite".
                ["bot Support 100: 7 tokens, 1 calls, 0 unpriced, 0 µ$", "tier pro 100: 60 tokens, 6 calls, 1 unpriced, 15 µ$", "tier pro 200: 1 tokens, 1 calls, 0 unpriced, 0 µ$",
                 "tier Élite 300: 4 tokens, 1 calls, 0 unpriced, 0 µ$"],
                rows);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
