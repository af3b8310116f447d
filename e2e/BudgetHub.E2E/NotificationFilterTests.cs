namespace BudgetHub.E2E;

/// <summary>Filters that leave no alerts say so, and one click clears them, instead of the "no alerts yet" state.</summary>
public sealed class NotificationFilterTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task FiltersThatMatchNothing_SaySo_AndClearFiltersBringsTheAlertsBack()
    {
        await fixture.CreatePolicyAsync(new
        {
            name = "E2E filter budget", scope = new { type = "bot", id = "filter-bot" }, metric = "tokens", limit = 1000,
            window = new { type = "fixed", unit = "day" }, thresholds = new[] { 50 }, action = "warn",
        });
        await fixture.PostEventAsync(new { id = "filter-1", botId = "filter-bot", inputTokens = 600 });

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/notifications");
        var alertRow = page.GetByTestId("alerts-table").Locator("tr", new() { HasText = "E2E filter budget" });
        await Expect(alertRow).ToBeVisibleAsync();

        await page.GetByLabel("Bot", new() { Exact = true }).FillAsync("no-such-bot");

        await Expect(page.GetByText("No alerts match these filters")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("alerts-no-match")).ToContainTextAsync("for bot “no-such-bot”");
        await Expect(page.GetByText("No active alerts", new() { Exact = true })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "notifications-no-match");

        await page.GetByTestId("clear-filters").ClickAsync();

        await Expect(alertRow).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Bot", new() { Exact = true })).ToHaveValueAsync("");
    }
}
