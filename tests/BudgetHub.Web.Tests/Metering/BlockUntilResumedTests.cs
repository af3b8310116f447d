using BudgetHub.Domain.Budgets;
using BudgetHub.Infrastructure.Budgets;

namespace BudgetHub.Web.Tests.Metering;

/// <summary>
/// A hard limit that blocks until someone resumes (seed 004: "it requires a manual resume or limit increase to
/// continue"): the block outlives its window, and only a person lifts it, by resuming or raising the limit.
/// </summary>
public sealed class BlockUntilResumedTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static PolicyInput UntilResumed(string bot, long limit) => CallLimits.PerDay(ScopeType.Bot, bot, limit) with { BlockUntilResumed = true };

    [Fact]
    public async Task TheBlock_OutlivesTheDay_AndARestart_UntilSomeoneResumesTheBot()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        await meter.CreatePolicyAsync(UntilResumed("b", 2));
        await meter.RecordAsync("b", 10);
        await meter.RecordAsync("b", 10);

        var blocked = meter.Check("b");
        Assert.False(blocked.Allowed);
        Assert.Null(blocked.PausedUntil);

        meter.Clock.Advance(TimeSpan.FromDays(1));
        await meter.TidyUpAsync();
        await meter.RestartAsync();
        Assert.False(meter.Allowed("b"));

        await meter.Bots.ResumeAsync(meter.AccountId, "b", "ann@example.com");
        Assert.True(meter.Allowed("b"));
    }

    [Fact]
    public async Task RaisingTheLimit_LiftsTheBlock()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        var policy = await meter.CreatePolicyAsync(UntilResumed("b", 1));
        await meter.RecordAsync("b", 10);
        Assert.False(meter.Allowed("b"));

        await meter.Policies.UpdateAsync(meter.AccountId, policy.Id, PolicyValidator.ToInput(policy) with { Limit = 5 }, "test");

        Assert.True(meter.Allowed("b"));
    }

    [Fact]
    public async Task SwitchingAHeldBlock_ToUntilResumed_DropsItsEnd_AndBackToTheWindow_EndsItAtTheReset()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        var policy = await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Bot, "b", 1));
        await meter.RecordAsync("b", 10);
        Assert.Equal(Monday.Date.AddDays(1), meter.Check("b").PausedUntil?.UtcDateTime);

        await meter.Policies.UpdateAsync(meter.AccountId, policy.Id, PolicyValidator.ToInput(policy) with { BlockUntilResumed = true }, "test");
        var untilResumed = meter.Check("b");
        Assert.False(untilResumed.Allowed);
        Assert.Null(untilResumed.PausedUntil);

        await meter.Policies.UpdateAsync(meter.AccountId, policy.Id, PolicyValidator.ToInput(policy) with { BlockUntilResumed = false }, "test");
        Assert.Equal(Monday.Date.AddDays(1), meter.Check("b").PausedUntil?.UtcDateTime);
    }

    [Fact]
    public async Task UntilResumed_TakesABlockModePolicyWithoutBlockFor()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);

        var warn = await meter.Policies.CreateAsync(meter.AccountId, UntilResumed("b", 1) with { Action = PolicyAction.Warn, NotifyInApp = true }, "test");
        var both = await meter.Policies.CreateAsync(meter.AccountId, UntilResumed("b", 1) with { BlockFor = "PT1H" }, "test");

        Assert.Contains("blockUntilResumed", warn.Errors.Keys);
        Assert.Contains("blockUntilResumed", both.Errors.Keys);
        Assert.Empty(await meter.Policies.ListAsync(meter.AccountId, PolicyKind.Usage));
    }
}
