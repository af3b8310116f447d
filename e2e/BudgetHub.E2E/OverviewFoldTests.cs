using System.Net.Http.Json;

namespace BudgetHub.E2E;

/// <summary>
/// A finance lead opening the Overview sees the month's spend, the budgets closest to their limit and the top bots and
/// models without scrolling, on a laptop (1366×900) and a desktop (1920×1080); on a phone nothing is wider than the screen.
/// </summary>
public sealed class OverviewFoldTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly (string Bot, string Team, string Model, decimal Cost)[] Spenders =
    [
        ("research-agent", "research", "claude-opus-4-1", 91.73m),
        ("code-reviewer", "engineering", "gpt-4.1", 7.70m),
        ("sales-assistant", "sales", "claude-sonnet-4", 6.07m),
        ("support-bot", "support", "gpt-4o", 1.12m),
        ("docs-search", "support", "o4-mini", 0.35m),
    ];

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(1920, 1080)]
    public async Task SpendBudgetsAndTopSpenders_ShowWithoutScrolling(int width, int height)
    {
        await SeedAsync();
        var page = await OpenOverviewAsync(width, height);
        await BrowserFixture.ScreenshotAsync(page, $"overview-fold-{width}x{height}");

        foreach (var testId in new[] { "cost-month", "top-bots", "top-models", "overview-budgets" })
        {
            var box = await page.GetByTestId(testId).BoundingBoxAsync() ?? throw new InvalidOperationException($"{testId} is not rendered");
            Assert.True(box.Y >= 0 && box.Y + box.Height <= height && box.X + box.Width <= width,
                $"{width}×{height}: {testId} spans {box.X:0},{box.Y:0} to {box.X + box.Width:0},{box.Y + box.Height:0}, beyond the screen");
        }
    }

    [Fact]
    public async Task OnAPhone_NoCardIsWiderThanTheScreen()
    {
        await SeedAsync();
        var page = await OpenOverviewAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "overview-fold-phone");

        var widest = await page.EvaluateAsync<double>("() => document.scrollingElement.scrollWidth");
        Assert.True(widest <= 390, $"the Overview is {widest}px wide on a 390px phone");
        var clipped = await page.GetByTestId("top-bots").Locator(".mud-table-container").EvaluateAsync<bool>("c => c.scrollWidth > c.clientWidth + 1");
        Assert.False(clipped, "the top bots table scrolls sideways on a phone");
    }

    private async Task<IPage> OpenOverviewAsync(int width, int height)
    {
        var page = await fixture.NewPageAsync(width, height);
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/");
        await Expect(page.GetByTestId("overview-budget")).ToHaveCountAsync(5);
        await Expect(page.GetByTestId("top-bots").Locator("tbody tr")).ToHaveCountAsync(5);
        await Expect(page.GetByTestId("top-models").Locator("tbody tr")).ToHaveCountAsync(5);
        return page;
    }

    /// <summary>
/// The demo account's shape: five bots on five models, an account budget (with a name long enough to wrap) and four bot caps.
/// Idempotent: event ids repeat, and the budgets are created once.
/// </summary>
    private async Task SeedAsync()
    {
        using var client = fixture.App.CreateClient();
        var existing = await client.GetStringAsync("/api/v1/policies");
        if (!existing.Contains("Monthly AI budget", StringComparison.Ordinal))
        {
            await fixture.CreatePolicyAsync(new
            {
                name = "Monthly AI budget for every bot, agent and assistant of the company, reviewed by finance each Monday", scope = new { type = "account" }, metric = "cost", limit = 140,
                window = new { type = "fixed", unit = "month" }, thresholds = new[] { 50, 75, 90 }, action = "warn",
            });
            foreach (var (bot, _, _, cost) in Spenders.Take(4))
            {
                await fixture.CreatePolicyAsync(new
                {
                    name = $"{bot} · daily cost cap", scope = new { type = "bot", id = bot }, metric = "cost", limit = Math.Ceiling(cost * 1.3m),
                    window = new { type = "fixed", unit = "day" }, thresholds = new[] { 80, 95 }, action = "warn",
                });
            }
        }

        var events = Spenders.Select(s => new
        {
            id = $"fold-{s.Bot}", botId = s.Bot, team = s.Team, model = s.Model, userId = "user-07",
            inputTokens = (int)(s.Cost * 40_000), outputTokens = (int)(s.Cost * 9_000), costUsd = s.Cost,
        });
        (await client.PostAsJsonAsync("/api/v1/usage/events", events)).EnsureSuccessStatusCode();
    }
}
