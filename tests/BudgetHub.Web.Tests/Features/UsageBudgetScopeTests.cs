using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Web.Features.Usage;
using BudgetHub.Web.Tests.Metering;

namespace BudgetHub.Web.Tests.Features;

/// <summary>Which budgets the Usage page shows for what it is narrowed to.</summary>
public sealed class UsageBudgetScopeTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static PolicyInput Budget(string name, ScopeType scope, string? id = null, string? model = null) => new()
    {
        Name = name, ScopeType = scope, ScopeId = id, Metric = Metric.Tokens, Limit = 1_000, WindowUnit = "month",
        Thresholds = [80], NotifyEmail = false, FilterModel = model,
    };

    private static async Task<string[]> ShownAsync(MeterHarness meter, Dimension dimension, string one, string key)
    {
        var scope = UsageBudgetScope.Of(dimension, one, key, dimension == Dimension.Bot ? meter.Meter.TeamOf(meter.AccountId, key) : null);
        return scope.Standings(meter.Meter, meter.AccountId, await meter.Policies.ListAsync(meter.AccountId, PolicyKind.Usage)).Select(s => s.Record.Name).ToArray();
    }

    [Fact]
    public async Task EachSelection_ShowsItsOwnBudgetsFirst_ThenThoseAboveIt_AndNoOtherScopesOrTierTemplates()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        foreach (var budget in new[]
        {
            Budget("Account", ScopeType.Account), Budget("Team alpha", ScopeType.Team, "alpha"), Budget("Team beta", ScopeType.Team, "beta"),
            Budget("Bot a1", ScopeType.Bot, "a1"), Budget("Bot b1", ScopeType.Bot, "b1"), Budget("User u1", ScopeType.User, "u1"),
            Budget("Tier pro", ScopeType.Tier, "pro"), Budget("Account gpt-4o", ScopeType.Account, model: "gpt-4o"),
        })
        {
            await meter.CreatePolicyAsync(budget);
        }

        await meter.RecordAsync("a1", 10, team: "alpha");

        Assert.Equal(["Account", "Account gpt-4o"], await ShownAsync(meter, Dimension.Account, "", ""));
        Assert.Equal(["Bot a1", "Team alpha", "Account", "Account gpt-4o"], await ShownAsync(meter, Dimension.Bot, "Bot", "a1"));
        Assert.Equal(["Team beta", "Account", "Account gpt-4o"], await ShownAsync(meter, Dimension.Team, "Team", "beta"));
        Assert.Equal(["User u1", "Account", "Account gpt-4o"], await ShownAsync(meter, Dimension.User, "User", "u1"));
        Assert.Equal(["Account", "Account gpt-4o"], await ShownAsync(meter, Dimension.Model, "Model", "openai/gpt-4o"));
        Assert.Equal(["Account"], await ShownAsync(meter, Dimension.Model, "Model", "claude-sonnet-4"));
        Assert.Equal(["Account", "Account gpt-4o"], await ShownAsync(meter, Dimension.Tier, "Tier", "pro"));
    }

    [Fact]
    public async Task TheNoTeamRow_ShowsTheWholeOrganizationsBudgets()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        await meter.CreatePolicyAsync(Budget("Account", ScopeType.Account));

        var scope = UsageBudgetScope.Of(Dimension.Team, "Team", "", null);

        Assert.Equal("Budgets of the whole organization, which count the usage of no team too.", scope.Caption);
        Assert.Single(scope.Standings(meter.Meter, meter.AccountId, await meter.Policies.ListAsync(meter.AccountId, PolicyKind.Usage)));
    }
}
