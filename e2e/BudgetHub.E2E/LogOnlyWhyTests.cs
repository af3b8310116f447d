namespace BudgetHub.E2E;

/// <summary>A log-only (dry run) row of the enforcement log has its "Why?", as blocked and warned rows do.</summary>
public sealed class LogOnlyWhyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ALogOnlyRow_Why_SaysTheCallWentThrough_AndWhatWouldHaveBlockedIt()
    {
        await fixture.CreatePolicyAsync(new
        {
            name = "Trial daily tokens", scope = new { type = "bot", id = "trial-bot" }, metric = "tokens", limit = 1000,
            window = new { type = "fixed", unit = "day" }, action = "dry_run",
        });
        await fixture.PostEventAsync(new { id = "trial-1", botId = "trial-bot", inputTokens = 1200 });
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/enforcement");

        var row = page.GetByTestId("log-table").Locator("tr", new() { HasText = "trial-bot" });
        await Expect(row.GetByTestId("log-action")).ToHaveTextAsync("Log only");
        await row.GetByTestId("log-why").ClickAsync();

        var why = page.GetByTestId("dry-run-why");
        await Expect(why).ToContainTextAsync("That call went through: log only");
        await Expect(why).ToContainTextAsync(
            "Trial daily tokens is a log-only (dry run) budget. It stood at 1,200 tokens of 1,000 tokens per day when it logged the call: as a hard limit it would have blocked it.");
        await Expect(page.GetByTestId("decision-verdict")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "enforcement-log-only-why");
    }
}
