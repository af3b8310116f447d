using System.Text.RegularExpressions;
using AngleSharp.Dom;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Web.Features.Budgets;
using BudgetHub.Web.Features.Notifications;
using BudgetHub.Web.Tests.Metering;

namespace BudgetHub.Web.Tests.Features;

/// <summary>A budget's bar and the alert it raised say the same thing: one rule (SeverityRules.Of) colours both.</summary>
public sealed partial class BudgetSeverityAgreementTests : MudBunitContext
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(50, new[] { 50, 90 }, "info")]
    [InlineData(79, new[] { 50, 90 }, "info")]
    [InlineData(90, new[] { 50, 90 }, "warning")]
    [InlineData(96, new[] { 50, 90 }, "warning")]
    [InlineData(96, new[] { 80, 96 }, "error")]
    [InlineData(100, new[] { 50, 90 }, "error")]
    [InlineData(100, new int[0], "error")]
    public async Task TheBar_IsInTheColourOfTheAlertTheBudgetRaised(int tokens, int[] thresholds, string colour)
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        var policy = await BotBudgetAsync(meter, thresholds);

        await meter.RecordAsync("b", tokens);

        var alert = Assert.Single(await meter.Alerts.ListAsync(meter.AccountId, new AlertFilter(Acknowledged: false)));
        var chip = Render<AlertSeverityChip>(p => p.Add(c => c.Alert, alert));
        var bar = RenderBar(meter, policy);
        Assert.Equal(colour, ColourOf(chip.Find(".mud-chip")));
        Assert.Equal(colour, ColourOf(bar.Find(".mud-progress-linear")));
        Assert.Equal(colour, ColourOf(bar.Find("[data-testid=limit-percent]")));
    }

    [Fact]
    public async Task BelowTheFirstThreshold_TheBarIsGreen_AndNothingIsRaised()
    {
        await using var meter = await MeterHarness.StartAsync(Monday);
        var policy = await BotBudgetAsync(meter, [50, 90]);

        await meter.RecordAsync("b", 49);

        Assert.Empty(await meter.Alerts.ListAsync(meter.AccountId, new AlertFilter()));
        Assert.Equal("success", ColourOf(RenderBar(meter, policy).Find(".mud-progress-linear")));
    }

    /// <summary>A soft budget of 100 tokens a day for bot b.</summary>
    private static Task<PolicyRecord> BotBudgetAsync(MeterHarness meter, int[] thresholds) => meter.CreatePolicyAsync(new PolicyInput
    {
        Name = "Bot b tokens", ScopeType = ScopeType.Bot, ScopeId = "b", Metric = Metric.Tokens, Limit = 100,
        WindowUnit = "day", Thresholds = thresholds, Action = PolicyAction.Warn, NotifyEmail = false,
    });

    private IRenderedComponent<PolicyProgress> RenderBar(MeterHarness meter, PolicyRecord policy) => Render<PolicyProgress>(p => p
        .Add(c => c.Standing, PolicyStandings.Of(meter.Meter, meter.AccountId, policy))
        .Add(c => c.Zone, TimeZoneInfo.Utc)
        .Add(c => c.Now, Monday));

    /// <summary>The MudBlazor colour of a chip, a bar or a text: info, warning, error, success.</summary>
    private static string ColourOf(IElement element) =>
        ColourClass().Match(element.ClassName ?? "") is { Success: true } match ? match.Groups[1].Value : "none";

    [GeneratedRegex(@"(?:-color-|\bmud-)(info|warning|error|success)\b")]
    private static partial Regex ColourClass();
}
