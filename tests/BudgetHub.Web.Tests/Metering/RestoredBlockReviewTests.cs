using BudgetHub.Domain.Budgets;

namespace BudgetHub.Web.Tests.Metering;

/// <summary>
/// Blocks read back from the database at start-up are reviewed as a save reviews them, and the hard limits already
/// over block as a save makes them block: a policy changed while the app was stopped, or straight in the database,
/// never went through the save-time review.
/// </summary>
public sealed class RestoredBlockReviewTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("DELETE FROM Policies")]
    [InlineData("UPDATE Policies SET Enabled = 0")]
    [InlineData("UPDATE Policies SET Action = 'Warn'")]
    [InlineData("UPDATE Policies SET \"Limit\" = 10")]
    [InlineData("UPDATE Policies SET ScopeKey = 'other-bot'")]
    public async Task APolicyChangedBehindTheMetersBack_NoLongerBlocks_AfterARestart(string change)
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Bot, "bot", 2));
        await meter.RecordAsync("bot", 0);
        await meter.RecordAsync("bot", 0);
        Assert.False(meter.Allowed("bot"));

        await meter.ChangeDatabaseAsync(change);
        Assert.False(meter.Allowed("bot"));
        await meter.RestartAsync();

        Assert.True(meter.Allowed("bot"));
        Assert.Empty(meter.Meter.ActiveBlocks(meter.AccountId));
        await meter.RestartAsync();
        Assert.True(meter.Allowed("bot"));
    }

    [Fact]
    public async Task ALimitRaisedWhileStopped_LiftsABlockForAnHour()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        await meter.CreatePolicyAsync(BlockReviewTests.RollingBlock("bot-a", 100));
        await meter.RecordAsync("bot-a", 150);
        Assert.False(meter.Allowed("bot-a"));

        await meter.ChangeDatabaseAsync("UPDATE Policies SET \"Limit\" = 1000");
        await meter.RestartAsync();

        Assert.True(meter.Allowed("bot-a"));
    }

    [Fact]
    public async Task ARestartWithNothingChanged_KeepsABlockForAnHour_AfterItsWindowEmptied()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        var policy = await meter.CreatePolicyAsync(BlockReviewTests.RollingBlock("bot-a", 100));
        await meter.RecordAsync("bot-a", 150);
        meter.Clock.Advance(TimeSpan.FromMinutes(3)); // the minute's 150 tokens have left the window
        await meter.Policies.UpdateAsync(meter.AccountId, policy.Id, BlockReviewTests.RollingBlock("bot-a", 100) with { Name = "Renamed" }, "test");

        await meter.RestartAsync();

        Assert.False(meter.Allowed("bot-a"));
        meter.Clock.Advance(TimeSpan.FromMinutes(57));
        Assert.True(meter.Allowed("bot-a"));
    }

    [Fact]
    public async Task ATierTemplateMovedWhileStopped_LiftsTheBlocksOfTheOldTiersUsers()
    {
        await using var meter = await BlockReviewTests.WithU7BlockedByItsTierAsync();

        await meter.ChangeDatabaseAsync("UPDATE Policies SET ScopeKey = 'audit-pro'");
        await meter.RestartAsync();

        Assert.True(meter.Allowed("bot", "u7", "audit-free"));
        Assert.True(meter.Allowed("bot", "u7"));
    }

    [Fact]
    public async Task AnOverrideAddedWhileStopped_LiftsTheTierTemplatesBlock()
    {
        await using var meter = await BlockReviewTests.WithU7BlockedByItsTierAsync();
        await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.User, "u7", 100) with { Enabled = false });
        Assert.False(meter.Allowed("bot", "u7", "audit-free"));

        await meter.ChangeDatabaseAsync("UPDATE Policies SET Enabled = 1 WHERE ScopeType = 'User'");
        await meter.RestartAsync();

        Assert.True(meter.Allowed("bot", "u7", "audit-free"));
    }

    [Theory]
    [InlineData("lower", "UPDATE Policies SET \"Limit\" = 3")]
    [InlineData("warn", "UPDATE Policies SET Action = 'Block'")]
    [InlineData("off", "UPDATE Policies SET Enabled = 1")]
    public async Task AHardLimitLoweredSwitchedToBlockOrTurnedOnWhileStopped_BlocksAsTheAppStarts(string before, string change)
    {
        await using var meter = await HardLimitOnSaveTests.WithThreeCallsAsync("bot");
        var hardLimit = CallLimits.PerDay(ScopeType.Bot, "bot", 3);
        var policy = await meter.CreatePolicyAsync(before switch
        {
            "lower" => hardLimit with { Limit = 100 },
            "warn" => hardLimit with { Action = PolicyAction.Warn, NotifyInApp = true },
            _ => hardLimit with { Enabled = false },
        });
        Assert.True(meter.Allowed("bot"));

        await meter.ChangeDatabaseAsync(change);
        await meter.RestartAsync();

        Assert.False(meter.Allowed("bot"));
        Assert.Equal(policy.Id, Assert.Single(meter.Meter.ActiveBlocks(meter.AccountId)).PolicyId);
        await meter.RestartAsync();
        Assert.Single(meter.Meter.ActiveBlocks(meter.AccountId));
    }

    [Fact]
    public async Task ABlockAPersonLifted_StaysLiftedAcrossARestart_UntilTheNextEvent()
    {
        await using var meter = await HardLimitOnSaveTests.WithThreeCallsAsync("bot");
        await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Bot, "bot", 2));
        Assert.False(meter.Allowed("bot"));
        await meter.Bots.ResumeAsync(meter.AccountId, "bot", "ann@example.com");
        Assert.True(meter.Allowed("bot"));

        await meter.RestartAsync();

        Assert.True(meter.Allowed("bot"));
        await meter.RecordAsync("bot", 10);
        Assert.False(meter.Allowed("bot"));
    }

    [Fact]
    public async Task ABlockWhoseBlockForRanOut_StaysLiftedAcrossARestart_UntilTheNextEvent()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Bot, "bot", 2) with { BlockFor = "PT1H" });
        for (var i = 0; i < 3; i++)
        {
            await meter.RecordAsync("bot", 10);
        }

        Assert.False(meter.Allowed("bot"));
        meter.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.True(meter.Allowed("bot"));

        await meter.RestartAsync();

        Assert.True(meter.Allowed("bot"));
        await meter.RecordAsync("bot", 10);
        Assert.False(meter.Allowed("bot"));
    }
}
