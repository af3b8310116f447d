using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;

namespace BudgetHub.Domain.Tests.Enforcement;

public sealed class EnforcementRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 15, 0, TimeSpan.Zero);
    private static readonly WindowBounds Today = new(new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));
    private static readonly EnforcementSubject Bot = new("support-bot", "support", "u1", "pro");

    private static PolicyEvaluation Evaluate(UsagePolicy policy, long value, ScopeInstance? instance = null) =>
        new(policy, instance ?? new ScopeInstance(policy.Scope.Type, policy.Scope.Key), value, Today, Today.End);

    private static Block BlockOf(PolicyEvaluation evaluation, DateTimeOffset? until) =>
        new(1, evaluation.Policy.Id, evaluation.Instance, until, "over", Now);

    [Theory]
    [InlineData(500, EnforcementAction.Allow)]
    [InlineData(800, EnforcementAction.Warn)]
    [InlineData(999, EnforcementAction.Warn)]
    [InlineData(1000, EnforcementAction.DryRun)]
    public void Decide_DryRunPolicy_WarnsAtThresholdAndDryRunsAtLimit(long value, EnforcementAction expected)
    {
        var policy = Policies.Make(ScopeType.Bot, "support-bot", action: PolicyAction.DryRun);

        Assert.Equal(expected, EnforcementRules.Decide(Bot, [Evaluate(policy, value)], [], Now).Action);
    }

    [Fact]
    public void Decide_WithNothingReachedAndNoBlockOnTheSubject_AllowsWithNoReasons()
    {
        var below = Evaluate(Policies.Make(ScopeType.Bot, "support-bot"), 500);
        var otherBots = BlockOf(Evaluate(Policies.Make(ScopeType.Bot, "other-bot"), 2000), Now.AddHours(1));

        var decision = EnforcementRules.Decide(Bot, [below], [otherBots], Now);

        Assert.Equal(EnforcementAction.Allow, decision.Action);
        Assert.Empty(decision.Reasons);
        Assert.Empty(decision.Blocks);
        Assert.Null(decision.PausedUntil);
    }

    [Fact]
    public void Decide_WithoutThresholds_AllowsUntilTheLimit()
    {
        var policy = Policies.Make(ScopeType.Bot, "support-bot", thresholds: []);

        Assert.Equal(EnforcementAction.Allow, EnforcementRules.Decide(Bot, [Evaluate(policy, 999)], [], Now).Action);
        Assert.Equal(EnforcementAction.Warn, EnforcementRules.Decide(Bot, [Evaluate(policy, 1000)], [], Now).Action);
    }

    [Fact]
    public void Decide_MostRestrictiveWins_BlockBeatsWarnBeatsDryRun()
    {
        var warn = Evaluate(Policies.Make(ScopeType.Bot, "support-bot", action: PolicyAction.Warn), 2000);
        var dryRun = Evaluate(Policies.Make(ScopeType.Team, "support", action: PolicyAction.DryRun), 2000);
        var block = Evaluate(Policies.Make(ScopeType.Account, action: PolicyAction.Block), 2000);

        Assert.Equal(EnforcementAction.Warn, EnforcementRules.Decide(Bot, [dryRun, warn], [], Now).Action);
        var decision = EnforcementRules.Decide(Bot, [dryRun, warn, block], [BlockOf(block, Now.AddHours(1))], Now);
        Assert.Equal(EnforcementAction.Block, decision.Action);
        Assert.Same(block, decision.Reasons[0]);
        Assert.False(decision.Allowed);
    }

    [Fact]
    public void AccountCapBlocksEvenWhenTheBotsOwnLimitIsHigher()
    {
        var botLimit = Evaluate(Policies.Make(ScopeType.Bot, "support-bot", limit: 1_000_000, action: PolicyAction.Block), 5000);
        var accountCap = Evaluate(Policies.Make(ScopeType.Account, limit: 5000, action: PolicyAction.Block), 5000);
        var block = BlockOf(accountCap, null);

        var decision = EnforcementRules.Decide(Bot, [botLimit, accountCap], [block], Now);

        Assert.Equal(EnforcementAction.Block, decision.Action);
        Assert.Contains(block, decision.Blocks);
        Assert.True(block.Covers(new EnforcementSubject("any-other-bot", null, null, null)));
    }

    [Fact]
    public void ABlockLiftsExactlyAtItsEnd()
    {
        var policy = Policies.Make(ScopeType.Bot, "support-bot", action: PolicyAction.Block);
        var evaluation = Evaluate(policy, 1200);
        var block = BlockOf(evaluation, Now.AddMinutes(30));

        Assert.Equal(EnforcementAction.Block, EnforcementRules.Decide(Bot, [evaluation], [block], Now.AddMinutes(30).AddTicks(-1)).Action);
        var atTheEnd = EnforcementRules.Decide(Bot, [evaluation], [block], Now.AddMinutes(30));
        Assert.Equal(EnforcementAction.Warn, atTheEnd.Action);
        Assert.True(atTheEnd.Allowed);
    }

    [Fact]
    public void MustBlock_OnlyWhenOverTheLimitAndNotAlreadyBlocked()
    {
        var policy = Policies.Make(ScopeType.Bot, "support-bot", action: PolicyAction.Block);
        var over = Evaluate(policy, 1000);

        Assert.False(EnforcementRules.MustBlock(Evaluate(policy, 999), [], Now));
        Assert.True(EnforcementRules.MustBlock(over, [], Now));
        Assert.False(EnforcementRules.MustBlock(over, [BlockOf(over, Now.AddHours(1))], Now));
        Assert.True(EnforcementRules.MustBlock(over, [BlockOf(over, Now)], Now));
    }

    [Fact]
    public void MustBlock_NeverForWarnPolicies()
    {
        Assert.False(EnforcementRules.MustBlock(Evaluate(Policies.Make(ScopeType.Bot, "support-bot"), 5000), [], Now));
    }

    [Fact]
    public void BlockUntil_IsBlockForWhenSetElseTheWindowReset()
    {
        var withDuration = Evaluate(Policies.Make(ScopeType.Bot, "support-bot", action: PolicyAction.Block, blockFor: TimeSpan.FromMinutes(15)), 1000);
        var untilReset = Evaluate(Policies.Make(ScopeType.Bot, "support-bot", action: PolicyAction.Block), 1000);

        Assert.Equal(Now.AddMinutes(15), EnforcementRules.BlockUntil(withDuration, Now));
        Assert.Equal(Today.End, EnforcementRules.BlockUntil(untilReset, Now));
    }

    [Fact]
    public void Decide_AManualPause_BlocksWithoutAPolicyAndHasNoEnd()
    {
        var pause = new Block(7, null, new ScopeInstance(ScopeType.Bot, "support-bot"), null, "Paused by hand", Now);

        var decision = EnforcementRules.Decide(Bot, [], [pause], Now.AddDays(30));

        Assert.Equal(EnforcementAction.Block, decision.Action);
        Assert.Null(decision.PausedUntil);
        Assert.True(pause.IsManualPause);
    }

    [Fact]
    public void Decide_PausedUntil_IsTheLatestHoldingBlock_AndRetryAfterCountsDown()
    {
        var bot = new Block(1, 1, new ScopeInstance(ScopeType.Bot, "support-bot"), Now.AddMinutes(10), "bot", Now);
        var team = new Block(2, 2, new ScopeInstance(ScopeType.Team, "support"), Now.AddMinutes(45), "team", Now);
        var otherTeam = new Block(3, 3, new ScopeInstance(ScopeType.Team, "sales"), Now.AddHours(5), "sales", Now);

        var decision = EnforcementRules.Decide(Bot, [], [bot, team, otherTeam], Now);

        Assert.Equal(Now.AddMinutes(45), decision.PausedUntil);
        Assert.Equal(2700, decision.RetryAfterSeconds(Now));
    }

    [Fact]
    public void AUserBlock_CoversThatUserOnEveryBot_AndNoOneElse()
    {
        var block = new Block(1, 1, new ScopeInstance(ScopeType.User, "u1"), null, "user", Now);

        Assert.True(block.Covers(new EnforcementSubject("any-bot", null, "u1", null)));
        Assert.False(block.Covers(new EnforcementSubject("support-bot", "support", "u2", "pro")));
        Assert.False(block.Covers(new EnforcementSubject("support-bot", "support", null, null)));
    }
}
