using BudgetHub.Domain.Enforcement;

namespace BudgetHub.Web.Tests.Metering;

/// <summary>
/// A rolling window at instant t counts at least all of (t − duration, t]: usage a few seconds before the
/// minute turned still counts, and a block lasts until the oldest counted minute leaves the window.
/// </summary>
public sealed class RollingBlockTests
{
    private static DateTimeOffset At(int hour, int minute, int second) => new(2026, 11, 23, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public async Task CallsJustBeforeAndJustAfterTheMinuteTurns_CountTogether_AndTheBlockLastsUntilTheOlderMinuteLeaves()
    {
        await using var meter = await MeterHarness.StartAsync(At(16, 32, 58));
        await meter.CreatePolicyAsync(CallLimits.PerMinute("b", 3));
        await meter.RecordAsync("b", 0);
        await meter.RecordAsync("b", 0);
        meter.Clock.SetUtcNow(At(16, 33, 1));

        var third = await meter.RecordAsync("b", 0);

        Assert.Equal(EnforcementAction.Block, third.Results[0].Action);
        var check = meter.Check("b");
        Assert.False(check.Allowed);
        Assert.Equal(At(16, 34, 0), check.PausedUntil);
        Assert.Equal(At(16, 34, 0), Assert.Single(check.Reasons).ResetsAt);
        AssertBlockedUntil(meter, At(16, 34, 0));
    }

    [Fact]
    public async Task ABlockOverTwoCallsOfOneMinute_HoldsWhileBothCanBeWithinTheLastMinute()
    {
        await using var meter = await MeterHarness.StartAsync(At(16, 29, 21));
        await meter.CreatePolicyAsync(CallLimits.PerMinute("b", 2));
        await meter.RecordAsync("b", 0);
        meter.Clock.SetUtcNow(At(16, 29, 41));
        await meter.RecordAsync("b", 0);

        Assert.Equal(At(16, 31, 0), meter.Check("b").PausedUntil);
        meter.Clock.SetUtcNow(At(16, 30, 0)); // both calls within the last 60 s
        Assert.False(meter.Allowed("b"));
        AssertBlockedUntil(meter, At(16, 31, 0));
    }

    [Fact]
    public async Task AfterARestart_TheRollingWindowCountsTheSameMinutes()
    {
        await using var meter = await MeterHarness.StartAsync(At(16, 32, 58));
        var policy = await meter.CreatePolicyAsync(CallLimits.PerMinute("b", 10));
        await meter.RecordAsync("b", 0);
        await meter.RecordAsync("b", 0);
        meter.Clock.SetUtcNow(At(16, 33, 1));
        await meter.RecordAsync("b", 0);
        Assert.Equal(3, meter.Standing(policy.Id));

        await meter.RestartAsync();

        Assert.Equal(3, meter.Standing(policy.Id));
        meter.Clock.SetUtcNow(At(16, 34, 0)); // the 16:32 minute has left
        Assert.Equal(1, meter.Standing(policy.Id));
    }

    [Fact]
    public async Task APolicyCreatedAfterTheCalls_CountsThoseOfTheWholeOldestMinuteItReads()
    {
        await using var meter = await MeterHarness.StartAsync(At(16, 32, 5));
        await meter.RecordAsync("b", 0);
        await meter.RecordAsync("b", 0);
        meter.Clock.SetUtcNow(At(16, 33, 10));

        var policy = await meter.CreatePolicyAsync(CallLimits.PerMinute("b", 3));

        Assert.Equal(2, meter.Standing(policy.Id));
        Assert.Equal(EnforcementAction.Block, (await meter.RecordAsync("b", 0)).Results[0].Action);
    }

    /// <summary>Blocked up to the last tick before <paramref name="lifts"/>, allowed from it on.</summary>
    private static void AssertBlockedUntil(MeterHarness meter, DateTimeOffset lifts)
    {
        meter.Clock.SetUtcNow(lifts.AddTicks(-1));
        Assert.False(meter.Allowed("b"));
        meter.Clock.SetUtcNow(lifts);
        Assert.True(meter.Allowed("b"));
    }
}
