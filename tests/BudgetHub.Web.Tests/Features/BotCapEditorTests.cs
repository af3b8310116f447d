using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Web.Features.Bots;
using BudgetHub.Web.Tests.Metering;

namespace BudgetHub.Web.Tests.Features;

/// <summary>Saving a bot's caps (its Budget tab) on the real policy store: only what the person changed, all or nothing.</summary>
public sealed class BotCapEditorTests : IAsyncLifetime
{
    private const string Bot = "cap-bot";
    private static readonly BotCap DailyTokens = BotCap.All.Single(c => c.Unit == "day" && c.Metric == Metric.Tokens);
    private static readonly BotCap DailyCost = BotCap.All.Single(c => c.Unit == "day" && c.Metric == Metric.Cost);
    private static readonly BotCap MonthlyTokens = BotCap.All.Single(c => c.Unit == "month" && c.Metric == Metric.Tokens);
    private static readonly BotCap MonthlyCost = BotCap.All.Single(c => c.Unit == "month" && c.Metric == Metric.Cost);
    private MeterHarness _meter = null!;

    public async Task InitializeAsync() => _meter = await MeterHarness.StartAsync(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync() => await _meter.DisposeAsync();

    private PolicyService Policies => _meter.Policies;

    /// <summary>What the bot page shows: each cap's limit as loaded.</summary>
    private async Task<BotCapsForm> LoadAsync() => BotCapsForm.Of(Bot, await Policies.ListAsync(_meter.AccountId, PolicyKind.Usage));

    private Task<Dictionary<string, string[]>> SaveAsync(BotCapsForm saved, params (BotCap Cap, decimal Limit)[] typed) =>
        SaveAsync(saved, saved.PauseUntilResumed, typed);

    private async Task<Dictionary<string, string[]>> SaveAsync(BotCapsForm saved, bool pauseUntilResumed, params (BotCap Cap, decimal Limit)[] typed)
    {
        var limits = new Dictionary<BotCap, decimal>(saved.Limits);
        foreach (var (cap, limit) in typed)
        {
            limits[cap] = limit;
        }

        return await new BotCapEditor(Policies).SaveAsync(_meter.AccountId, Bot, new BotCapsForm(limits, pauseUntilResumed), saved, "test");
    }

    private async Task<PolicyRecord?> FindAsync(BotCap cap) => cap.Find(Bot, await Policies.ListAsync(_meter.AccountId, PolicyKind.Usage));

    [Fact]
    public async Task SavingOneCap_LeavesACapTurnedOffOnTheBudgetsPage_AsItWas()
    {
        var cost = await _meter.CreatePolicyAsync(DailyCost.Input(Bot, 5m, DailyCost.PolicyName(Bot), untilResumed: false));
        await Policies.SetEnabledAsync(_meter.AccountId, cost.Id, false, "test");

        Assert.Empty(await SaveAsync(await LoadAsync(), (DailyTokens, 500m)));

        var kept = await Policies.GetAsync(_meter.AccountId, cost.Id);
        Assert.NotNull(kept);
        Assert.False(kept.Enabled);
        Assert.Equal(500, (await FindAsync(DailyTokens))!.Limit);
    }

    [Fact]
    public async Task ANewLimit_KeepsWhatWasSetOnTheBudgetsPage_AndTurnsTheCapOn()
    {
        var custom = MonthlyTokens.Input(Bot, 1000m, MonthlyTokens.PolicyName(Bot), untilResumed: false) with
        {
            Thresholds = [50], WebhookUrl = "https://hooks.example.com/caps", BlockFor = "PT1H", Recipients = ["cfo@example.com"], Enabled = false,
        };
        var tokens = await _meter.CreatePolicyAsync(custom);

        Assert.Empty(await SaveAsync(await LoadAsync(), (MonthlyTokens, 2000m)));

        var after = await Policies.GetAsync(_meter.AccountId, tokens.Id);
        Assert.Equal((2000L, true), (after!.Limit, after.Enabled));
        Assert.Equal(("https://hooks.example.com/caps", 3600L, "cfo@example.com", "50"), (after.WebhookUrl, after.BlockForSeconds, after.NotifyRecipients, after.Thresholds));
    }

    [Fact]
    public async Task ACapThePolicyStoreRefuses_SavesNoneOfTheOthers()
    {
        var errors = await SaveAsync(await LoadAsync(), (DailyTokens, 1000m), (MonthlyCost, 2_000_000_000m));

        Assert.Equal([MonthlyCost.Label], errors.Keys);
        Assert.Null(await FindAsync(DailyTokens));
        Assert.Null(await FindAsync(MonthlyCost));
    }

    [Fact]
    public async Task Zero_DeletesTheCap_AndUntouchedCapsStay()
    {
        await SaveAsync(await LoadAsync(), (DailyTokens, 1000m), (DailyCost, 2m));

        Assert.Empty(await SaveAsync(await LoadAsync(), (DailyTokens, 0m)));

        Assert.Null(await FindAsync(DailyTokens));
        Assert.Equal(2_000_000, (await FindAsync(DailyCost))!.Limit);
    }

    [Fact]
    public async Task ACapMadeOnTheBudgetsPage_UnderAnyName_IsTheBotsCap_AndTheStrictestOfTwoIsShown()
    {
        await _meter.CreatePolicyAsync(DailyCost.Input(Bot, 30m, "Support spend, daily", untilResumed: false));
        var strict = await _meter.CreatePolicyAsync(DailyCost.Input(Bot, 20m, "Bot cap-bot · daily cost", untilResumed: false));

        Assert.Equal(strict.Id, (await FindAsync(DailyCost))!.Id);
        Assert.Equal(20m, (await LoadAsync()).Limits[DailyCost]);
        Assert.Empty(await SaveAsync(await LoadAsync(), (DailyCost, 25m)));
        Assert.Equal(25_000_000, (await Policies.GetAsync(_meter.AccountId, strict.Id))!.Limit);
        Assert.Equal(2, (await Policies.ListAsync(_meter.AccountId, PolicyKind.Usage)).Count);
    }

    [Fact]
    public async Task ABudgetThatOnlyWarns_OrCountsOneModel_OrAnotherBot_IsNoCap()
    {
        await _meter.CreatePolicyAsync(DailyCost.Input(Bot, 5m, "Warns only", untilResumed: false) with { Action = PolicyAction.Warn });
        await _meter.CreatePolicyAsync(DailyCost.Input(Bot, 5m, "Only gpt-4o", untilResumed: false) with { FilterModel = "gpt-4o" });
        await _meter.CreatePolicyAsync(DailyCost.Input("other-bot", 5m, "Another bot's", untilResumed: false));

        Assert.Null(await FindAsync(DailyCost));
    }

    [Fact]
    public async Task NewCaps_KeepTheBotPausedUntilSomeoneResumesIt()
    {
        var empty = await LoadAsync();
        Assert.True(empty.PauseUntilResumed);

        Assert.Empty(await SaveAsync(empty, (DailyTokens, 1000m)));

        var cap = await FindAsync(DailyTokens);
        Assert.Equal((true, (long?)null), (cap!.BlockUntilResumed, cap.BlockForSeconds));
    }

    [Fact]
    public async Task ChangingHowLongACapPauses_ChangesEveryCapThatIsOn_AndLeavesOneTurnedOff()
    {
        await _meter.CreatePolicyAsync(DailyTokens.Input(Bot, 1000m, DailyTokens.PolicyName(Bot), untilResumed: false));
        await _meter.CreatePolicyAsync(MonthlyCost.Input(Bot, 50m, MonthlyCost.PolicyName(Bot), untilResumed: false) with { BlockFor = "PT1H" });
        var off = await _meter.CreatePolicyAsync(DailyCost.Input(Bot, 5m, DailyCost.PolicyName(Bot), untilResumed: false));
        await Policies.SetEnabledAsync(_meter.AccountId, off.Id, false, "test");
        var saved = await LoadAsync();
        Assert.False(saved.PauseUntilResumed);

        Assert.Empty(await SaveAsync(saved, pauseUntilResumed: true));

        Assert.True((await FindAsync(DailyTokens))!.BlockUntilResumed);
        var monthly = await FindAsync(MonthlyCost);
        Assert.Equal((true, (long?)null), (monthly!.BlockUntilResumed, monthly.BlockForSeconds));
        Assert.False((await Policies.GetAsync(_meter.AccountId, off.Id))!.BlockUntilResumed);
        Assert.True((await LoadAsync()).PauseUntilResumed);
    }
}
