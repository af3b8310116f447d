using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;
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

    /// <summary>A block of an hour by a rolling minute's tokens.</summary>
    internal static PolicyInput RollingBlock(string bot, long limit) => new()
    {
        Name = $"{bot} per minute", ScopeType = ScopeType.Bot, ScopeId = bot, Metric = Metric.Tokens, Limit = limit,
        WindowUnit = null, RollingDuration = "PT1M", Action = PolicyAction.Block, BlockFor = "PT1H", NotifyEmail = false,
    };

    private static PolicyInput DailyBlock(string bot, long limit, string name) =>
        RollingBlock(bot, limit) with { Name = name, WindowUnit = "day", RollingDuration = null, BlockFor = null };

    /// <summary>What the bot's page and the API say about the blocks that hold, as memory has them and as the database does.</summary>
    private static async Task<(string InMemory, string Stored)> ReasonOfTheBlockAsync(MeterHarness meter)
    {
        var inMemory = Assert.Single(meter.Meter.ActiveBlocks(meter.AccountId)).Reason;
        await meter.RestartAsync();
        return (inMemory, Assert.Single(meter.Meter.ActiveBlocks(meter.AccountId)).Reason);
    }

    /// <summary>A tier template of two calls a day that has blocked user u7 of tier audit-free.</summary>
    internal static async Task<MeterHarness> WithU7BlockedByItsTierAsync()
    {
        var meter = await MeterHarness.StartAsync(Monday);
        await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Tier, "audit-free", 2));
        await meter.RecordAsync("bot", 0, "u7", "audit-free");
        await meter.RecordAsync("bot", 0, "u7", "audit-free");
        Assert.False(meter.Allowed("bot", "u7", "audit-free"));
        return meter;
    }

    [Fact]
    public async Task AnOverrideForTheUser_LiftsTheTierTemplatesBlock_ForGood()
    {
        await using var meter = await WithU7BlockedByItsTierAsync();

        await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.User, "u7", 100));

        Assert.True(meter.Allowed("bot", "u7", "audit-free"));
        Assert.True(meter.Allowed("bot", "u7"));
        Assert.DoesNotContain(meter.Meter.ActiveBlocks(meter.AccountId), b => b.Target.Key == "u7");
        await meter.RestartAsync();
        Assert.True(meter.Allowed("bot", "u7", "audit-free"));
    }

    [Fact]
    public async Task EnablingADisabledOverride_LiftsTheTierTemplatesBlock()
    {
        await using var meter = await WithU7BlockedByItsTierAsync();
        var userOverride = await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.User, "u7", 100) with { Enabled = false });
        Assert.False(meter.Allowed("bot", "u7", "audit-free"));

        await meter.Policies.SetEnabledAsync(meter.AccountId, userOverride.Id, enabled: true, "test");

        Assert.True(meter.Allowed("bot", "u7", "audit-free"));
    }

    [Fact]
    public async Task DeletingTheOverride_LetsTheTierTemplateBlockTheUserAgain_AtTheirNextEvent()
    {
        await using var meter = await WithU7BlockedByItsTierAsync();
        var userOverride = await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.User, "u7", 100));

        await meter.Policies.DeleteAsync(meter.AccountId, userOverride.Id, "test");

        Assert.Equal(EnforcementAction.Warn, meter.Check("bot", "u7", "audit-free").Action);
        var next = await meter.RecordAsync("bot", 0, "u7", "audit-free");
        Assert.Equal(EnforcementAction.Block, next.Results[0].Action);
        Assert.False(meter.Allowed("bot", "u7", "audit-free"));
    }

    [Fact]
    public async Task MovingABotPolicyToAnotherBot_LiftsTheBlockOfTheBotItNoLongerCovers()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        var policy = await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Bot, "sc-bot", 1));
        await meter.RecordAsync("sc-bot", 0);
        Assert.False(meter.Allowed("sc-bot"));

        var moved = await meter.Policies.UpdateAsync(meter.AccountId, policy.Id, CallLimits.PerDay(ScopeType.Bot, "other-bot", 1), "test");

        Assert.True(moved!.Succeeded);
        Assert.True(meter.Allowed("sc-bot"));
        Assert.True(meter.Allowed("other-bot"));
    }

    [Fact]
    public async Task MovingATierTemplateToAnotherTier_LiftsTheBlocksOfTheOldTiersUsers()
    {
        await using var meter = await WithU7BlockedByItsTierAsync();
        var template = (await meter.Policies.ListAsync(meter.AccountId)).Single();

        await meter.Policies.UpdateAsync(meter.AccountId, template.Id, CallLimits.PerDay(ScopeType.Tier, "audit-pro", 2), "test");

        Assert.True(meter.Allowed("bot", "u7", "audit-free"));
        await meter.RecordAsync("bot", 0, "u8", "audit-pro");
        await meter.RecordAsync("bot", 0, "u8", "audit-pro");
        Assert.False(meter.Allowed("bot", "u8", "audit-pro"));
    }

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
    public async Task RenamingThePolicy_KeepsABlockForAnHour_AfterItsWindowEmptied_UnderItsNewName()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        var policy = await meter.CreatePolicyAsync(RollingBlock("bot-a", 100));
        await meter.RecordAsync("bot-a", 150);
        meter.Clock.Advance(TimeSpan.FromMinutes(3));

        await meter.Policies.UpdateAsync(meter.AccountId, policy.Id, RollingBlock("bot-a", 100) with { Name = "Agent loop guard" }, "test");

        Assert.False(meter.Allowed("bot-a"));
        // The amounts it blocked at, not the empty window's.
        var (inMemory, stored) = await ReasonOfTheBlockAsync(meter);
        Assert.StartsWith("Agent loop guard: 150 tokens of 100 tokens", inMemory);
        Assert.Equal(inMemory, stored);
    }

    [Fact]
    public async Task LoweringTheLimit_ShowsTheNewLimitAndTheCountNow_InTheBlockThatHolds()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        var policy = await meter.CreatePolicyAsync(DailyBlock("bot-a", 100, "bot-a daily"));
        await meter.RecordAsync("bot-a", 150);
        Assert.False(meter.Allowed("bot-a"));
        await meter.RecordAsync("bot-a", 10);

        await meter.Policies.UpdateAsync(meter.AccountId, policy.Id, DailyBlock("bot-a", 80, "Daily tokens of bot-a"), "test");

        var (inMemory, stored) = await ReasonOfTheBlockAsync(meter);
        Assert.Equal("Daily tokens of bot-a: 160 tokens of 80 tokens today — blocks bot bot-a", inMemory);
        Assert.Equal(inMemory, stored);
    }
}
