using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;

namespace BudgetHub.Web.Tests.Metering;

/// <summary>
/// Any change to an account's policies, pauses or settings reviews its blocks (DESIGN rule 6): a block
/// stays until its blockFor elapses, its window resets, a person resumes it, or its policy no longer holds
/// because a person changed it.
/// </summary>
public sealed class BlockReviewTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static PolicyInput RollingBlock(string bot, long limit) => new()
    {
        Name = $"{bot} per minute", ScopeType = ScopeType.Bot, ScopeId = bot, Metric = Metric.Tokens, Limit = limit,
        WindowUnit = null, RollingDuration = "PT1M", Action = PolicyAction.Block, BlockFor = "PT1H", NotifyEmail = false,
    };

    [Fact]
    public async Task ABlockForAnHour_OutlivesItsRollingWindow_WhenAnotherPolicyChanges()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        await meter.CreatePolicyAsync(RollingBlock("bot-a", 100));
        await meter.RecordAsync("bot-a", 150);
        Assert.False(meter.Allowed("bot-a"));

        meter.Clock.Advance(TimeSpan.FromMinutes(3)); // the minute's 150 tokens have left the window
        await meter.CreatePolicyAsync(RollingBlock("bot-b", 100));

        Assert.False(meter.Allowed("bot-a"));
        meter.Clock.Advance(TimeSpan.FromMinutes(57));
        Assert.True(meter.Allowed("bot-a"));
    }

    [Fact]
    public async Task RaisingTheLimit_LiftsABlockForAnHour_ThatNoLongerHolds()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        var policy = await meter.CreatePolicyAsync(RollingBlock("bot-a", 100));
        await meter.RecordAsync("bot-a", 150);
        Assert.False(meter.Allowed("bot-a"));

        var raised = await meter.Policies.UpdateAsync(meter.AccountId, policy.Id, RollingBlock("bot-a", 1000), "test");

        Assert.True(raised!.Succeeded);
        Assert.True(meter.Allowed("bot-a"));
    }

    [Fact]
    public async Task RenamingThePolicy_KeepsABlockForAnHour_AfterItsWindowEmptied()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        var policy = await meter.CreatePolicyAsync(RollingBlock("bot-a", 100));
        await meter.RecordAsync("bot-a", 150);
        meter.Clock.Advance(TimeSpan.FromMinutes(3));

        await meter.Policies.UpdateAsync(meter.AccountId, policy.Id, RollingBlock("bot-a", 100) with { Name = "Renamed" }, "test");

        Assert.False(meter.Allowed("bot-a"));
    }
}
