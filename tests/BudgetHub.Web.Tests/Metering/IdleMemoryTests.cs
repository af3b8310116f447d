using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;

namespace BudgetHub.Web.Tests.Metering;

/// <summary>The meter's memory follows the active end users: what it holds for idle ones is forgotten by the tidy-up.</summary>
public sealed class IdleMemoryTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static PolicyInput HourlyTierCap => new()
    {
        Name = "Pro per hour", ScopeType = ScopeType.Tier, ScopeId = "pro", Metric = Metric.Tokens, Limit = 100,
        WindowUnit = null, RollingDuration = "PT1H", Thresholds = [50], Action = PolicyAction.Block, NotifyEmail = false,
    };

    [Fact]
    public async Task EndUsersIdleForLongerThanTheWindow_AreForgotten_AndCountAfreshWhenTheyReturn()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        await meter.CreatePolicyAsync(HourlyTierCap);
        for (var i = 0; i < 50; i++)
        {
            await meter.RecordAsync("bot", 150, $"user-{i}", "pro");
        }

        Assert.Equal((50, 50), (meter.State.Rolling.Count, meter.State.Alerted.Count));
        Assert.NotEmpty(meter.State.LogFold);
        Assert.False(meter.Allowed("bot", "user-7", "pro"));

        meter.Clock.Advance(TimeSpan.FromHours(2));
        await meter.TidyUpAsync();

        Assert.Equal((0, 0, 0), (meter.State.Rolling.Count, meter.State.Alerted.Count, meter.State.LogFold.Count));
        var minuteCells = meter.Counters.Count;
        await meter.RecordAsync("bot", 150, "user-7", "pro");
        Assert.False(meter.Allowed("bot", "user-7", "pro"));
        Assert.Single(meter.State.Rolling);
        Assert.True(meter.Counters.Count > minuteCells);
    }

    [Fact]
    public async Task CheckingAUserNeverCounted_LeavesNothingBehind()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        await meter.CreatePolicyAsync(HourlyTierCap);

        for (var i = 0; i < 100; i++)
        {
            Assert.True(meter.Allowed("bot", $"stranger-{i}", "pro"));
        }

        Assert.Empty(meter.State.Rolling);
    }

    [Fact]
    public async Task TheTidyUp_DropsMinuteCellsFromMemory_SoonAfterTheirMinute()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        await meter.CreatePolicyAsync(HourlyTierCap);
        for (var i = 0; i < 20; i++)
        {
            await meter.RecordAsync("bot", 10, $"user-{i}", "pro");
        }

        var withMinutes = meter.Counters.Count;
        meter.Clock.Advance(TimeSpan.FromMinutes(10));
        await meter.TidyUpAsync();

        // Hours, days, weeks and months stay; the minutes go (a tier template counts each user in a minute of their own).
        Assert.Equal(withMinutes - 20, meter.Counters.Count);
    }
}
