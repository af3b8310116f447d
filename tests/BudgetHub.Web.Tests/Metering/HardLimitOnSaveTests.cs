using BudgetHub.Domain.Budgets;
using BudgetHub.Infrastructure.Budgets;

namespace BudgetHub.Web.Tests.Metering;

/// <summary>
/// A hard limit saved at or below what its scope has already used blocks at once, as the event that took it
/// there would have (seed 004: "when any limit is reached, the agent is automatically paused").
/// </summary>
public sealed class HardLimitOnSaveTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A meter whose bot has made three calls today, under no policy yet.</summary>
    internal static async Task<MeterHarness> WithThreeCallsAsync(string bot)
    {
        var meter = await MeterHarness.StartAsync(Monday);
        for (var i = 0; i < 3; i++)
        {
            await meter.RecordAsync(bot, 10);
        }

        return meter;
    }

    [Fact]
    public async Task ANewHardLimitBelowTodaysUsage_BlocksAtOnce_AndSurvivesARestart()
    {
        await using var meter = await WithThreeCallsAsync("b");

        await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Bot, "b", 2));

        Assert.False(meter.Allowed("b"));
        await meter.RestartAsync();
        Assert.False(meter.Allowed("b"));
    }

    [Fact]
    public async Task LoweringALimit_SwitchingToBlock_OrTurningItOn_BlocksAtOnce()
    {
        await using var meter = await WithThreeCallsAsync("b");
        var lowered = await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Bot, "b", 100));
        Assert.True(meter.Allowed("b"));

        await meter.Policies.UpdateAsync(meter.AccountId, lowered.Id, PolicyValidator.ToInput(lowered) with { Limit = 3 }, "test");
        Assert.False(meter.Allowed("b"));

        await using var other = await WithThreeCallsAsync("w");
        var warning = await other.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Bot, "w", 2) with { Action = PolicyAction.Warn, NotifyInApp = true });
        Assert.True(other.Allowed("w"));
        await other.Policies.UpdateAsync(other.AccountId, warning.Id, PolicyValidator.ToInput(warning) with { Action = PolicyAction.Block }, "test");
        Assert.False(other.Allowed("w"));

        await using var third = await WithThreeCallsAsync("d");
        var off = await third.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Bot, "d", 2) with { Enabled = false });
        Assert.True(third.Allowed("d"));
        await third.Policies.SetEnabledAsync(third.AccountId, off.Id, enabled: true, "test");
        Assert.False(third.Allowed("d"));
    }

    [Fact]
    public async Task AHardLimitAboveTheUsage_OrATierTemplate_DoesNotBlockUntilAnEvent()
    {
        await using var meter = await WithThreeCallsAsync("b");

        await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Bot, "b", 4));
        await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Tier, "free", 1));

        Assert.True(meter.Allowed("b"));
        Assert.Empty(meter.Meter.ActiveBlocks(meter.AccountId));
    }
}
