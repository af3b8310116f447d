using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;

namespace BudgetHub.Domain.Tests.Budgets;

public sealed class PolicySetTests
{
    private static readonly EnforcementSubject ProUser = new("support-bot", "support", "u1", "pro", "gpt-4o", "chat");

    [Fact]
    public void For_AppliesAccountTeamAndBotPoliciesTogether()
    {
        var account = Policies.Make(ScopeType.Account);
        var team = Policies.Make(ScopeType.Team, "support");
        var bot = Policies.Make(ScopeType.Bot, "support-bot");
        var otherBot = Policies.Make(ScopeType.Bot, "sales-bot");

        var applicable = new PolicySet([account, team, bot, otherBot]).For(ProUser, matchFilters: true);

        Assert.Equal([account, team, bot], applicable.Select(a => a.Policy));
        Assert.Equal(ScopeInstance.Account, applicable[0].Instance);
        Assert.Equal(new ScopeInstance(ScopeType.Team, "support"), applicable[1].Instance);
    }

    [Fact]
    public void For_TierTemplate_CountsEachUserSeparately()
    {
        var tier = Policies.Make(ScopeType.Tier, "pro");

        var applicable = new PolicySet([tier]).For(ProUser, matchFilters: true);

        Assert.Equal(new ScopeInstance(ScopeType.User, "u1"), Assert.Single(applicable).Instance);
    }

    [Theory]
    [InlineData("pro", "Pro")]
    [InlineData("Pro", "pro")]
    [InlineData("ENTERPRISE", "Enterprise")]
    public void For_TierTemplate_MatchesTheTierInAnyCase(string template, string sent)
    {
        var tier = Policies.Make(ScopeType.Tier, template);
        var otherTier = Policies.Make(ScopeType.Tier, "free");

        var applicable = new PolicySet([tier, otherTier]).For(ProUser with { Tier = sent }, matchFilters: true);

        Assert.Equal([tier], applicable.Select(a => a.Policy));
    }

    [Fact]
    public void TemplatesOfOneTierSpelledInTwoCases_BothApply()
    {
        var lower = Policies.Make(ScopeType.Tier, "pro", limit: 100);
        var capital = Policies.Make(ScopeType.Tier, "Pro", metric: Usage.Metric.Cost);

        var applicable = new PolicySet([lower, capital]).For(ProUser with { Tier = "PRO" }, matchFilters: true);

        Assert.Equal([lower, capital], applicable.Select(a => a.Policy));
    }

    [Fact]
    public void ATierScope_IsTheSameScopeInAnyCase_OtherScopesAreNot()
    {
        Assert.True(new PolicyScope(ScopeType.Tier, "Pro").SameAs(new PolicyScope(ScopeType.Tier, "pro")));
        Assert.False(new PolicyScope(ScopeType.Tier, "pro").SameAs(new PolicyScope(ScopeType.Tier, "free")));
        Assert.False(new PolicyScope(ScopeType.Bot, "Support").SameAs(new PolicyScope(ScopeType.Bot, "support")));
        Assert.False(new PolicyScope(ScopeType.Tier, "pro").SameAs(new PolicyScope(ScopeType.User, "pro")));
    }

    [Fact]
    public void OverrideReplacesTierTemplate()
    {
        var tier = Policies.Make(ScopeType.Tier, "pro", limit: 100);
        var tierCost = Policies.Make(ScopeType.Tier, "pro", metric: Usage.Metric.Cost);
        var userOverride = Policies.Make(ScopeType.User, "u1", limit: 5000);

        var applicable = new PolicySet([tier, tierCost, userOverride]).For(ProUser, matchFilters: true);

        Assert.Equal([userOverride], applicable.Select(a => a.Policy));
    }

    [Fact]
    public void For_AnotherUsersOverride_LeavesTheTemplateInPlace()
    {
        var tier = Policies.Make(ScopeType.Tier, "pro");
        var someoneElse = Policies.Make(ScopeType.User, "u2");

        Assert.Equal([tier], new PolicySet([tier, someoneElse]).For(ProUser, matchFilters: true).Select(a => a.Policy));
    }

    [Fact]
    public void For_ATierWithoutAUser_AppliesToNoOne()
    {
        var tier = Policies.Make(ScopeType.Tier, "pro");

        Assert.Empty(new PolicySet([tier]).For(ProUser with { UserId = null }, matchFilters: true));
    }

    [Fact]
    public void For_AFilteredPolicy_AppliesOnlyToItsModel_WhenFiltersAreMatched()
    {
        var gpt4o = Policies.Make(ScopeType.Account, model: "gpt-4o");
        var claude = Policies.Make(ScopeType.Account, model: "claude-sonnet-4");
        var set = new PolicySet([gpt4o, claude]);

        Assert.Equal([gpt4o], set.For(ProUser, matchFilters: true).Select(a => a.Policy));
        Assert.Equal([gpt4o, claude], set.For(ProUser, matchFilters: false).Select(a => a.Policy));
    }

    [Fact]
    public void For_DisabledAndZeroLimitPolicies_AreInert()
    {
        var disabled = Policies.Make(ScopeType.Account, enabled: false);
        var noLimit = Policies.Make(ScopeType.Account, limit: 0);

        Assert.True(new PolicySet([disabled, noLimit]).IsEmpty);
    }

    [Fact]
    public void AppliesTo_ATierTemplate_NoLongerCoversAUser_OnceTheUserHasAnOverride()
    {
        var tier = Policies.Make(ScopeType.Tier, "pro");
        var u1 = new ScopeInstance(ScopeType.User, "u1");

        Assert.True(new PolicySet([tier]).AppliesTo(tier, u1));
        Assert.False(new PolicySet([tier, Policies.Make(ScopeType.User, "u1", limit: 100_000)]).AppliesTo(tier, u1));
        Assert.True(new PolicySet([tier, Policies.Make(ScopeType.User, "u1", enabled: false)]).AppliesTo(tier, u1));
        Assert.True(new PolicySet([tier, Policies.Make(ScopeType.User, "u2")]).AppliesTo(tier, u1));
    }

    [Fact]
    public void AppliesTo_APolicy_CoversOnlyTheInstanceOfItsOwnScope()
    {
        var bot = Policies.Make(ScopeType.Bot, "other-bot");
        var team = Policies.Make(ScopeType.Team, "support");
        var account = Policies.Make(ScopeType.Account);
        var set = new PolicySet([bot, team, account]);

        Assert.False(set.AppliesTo(bot, new ScopeInstance(ScopeType.Bot, "sc-bot")));
        Assert.True(set.AppliesTo(bot, new ScopeInstance(ScopeType.Bot, "other-bot")));
        Assert.False(set.AppliesTo(bot, new ScopeInstance(ScopeType.Team, "other-bot")));
        Assert.False(set.AppliesTo(team, new ScopeInstance(ScopeType.Team, "sales")));
        Assert.True(set.AppliesTo(account, ScopeInstance.Account));
    }
}
