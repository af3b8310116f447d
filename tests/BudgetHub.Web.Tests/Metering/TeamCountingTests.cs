using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Metering;

namespace BudgetHub.Web.Tests.Metering;

/// <summary>
/// An event counts toward its bot's team (set when the bot is first seen with one), whatever team a later
/// event names: the team the check blocks by, so the event's answer and the next check agree.
/// </summary>
public sealed class TeamCountingTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnEventNamingAnotherTeam_CountsTowardItsBotsTeam_AndItsAnswerIsTheChecks()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        var teamA = await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Team, "tA", 2));
        await meter.CreatePolicyAsync(CallLimits.PerDay(ScopeType.Team, "tB", 1));
        await meter.RecordAsync("tm-1", 0, team: "tA");

        var second = (await meter.RecordAsync("tm-1", 0, team: "tB")).Results[0];

        var check = meter.Check("tm-1");
        Assert.Equal(EnforcementAction.Block, second.Action);
        Assert.Equal(teamA.Id, Assert.Single(second.Decision.Reasons).Policy.Id);
        Assert.False(check.Allowed);
        Assert.Equal(teamA.Id, Assert.Single(check.Reasons).Policy.Id);
        Assert.DoesNotContain(meter.Meter.ActiveBlocks(meter.AccountId), b => b.Target == new ScopeInstance(ScopeType.Team, "tB"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TeamCounters_AndTheUsageByTeam_FollowTheBotsTeam_AlsoAfterARestart(bool countersLost)
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        await meter.RecordAsync("tm-1", 0, team: "tA");
        await meter.RecordAsync("tm-1", 0, team: "tB");
        await meter.RecordAsync("tm-1", 0);
        await meter.RecordAsync("tm-2", 0, team: "tB");
        await AssertCallsByTeamAsync(meter, ("tA", 3), ("tB", 1));

        await meter.RestartAsync(countersLost);

        await AssertCallsByTeamAsync(meter, ("tA", 3), ("tB", 1));
    }

    private static async Task AssertCallsByTeamAsync(MeterHarness meter, params (string Team, long Calls)[] expected)
    {
        foreach (var (team, calls) in expected)
        {
            Assert.Equal(calls, meter.Meter.Current(meter.AccountId, Dimension.Team, team, Granularity.Day).Calls);
        }

        var summary = await meter.Usage.SummarizeAsync(meter.AccountId, Monday.AddHours(-1), Monday.AddHours(1), Dimension.Team, interval: null);
        Assert.Equal(expected.OrderBy(e => e.Team), summary.Groups.Select(g => (g.Key, g.Amounts.Calls)).OrderBy(g => g.Key));
    }
}
