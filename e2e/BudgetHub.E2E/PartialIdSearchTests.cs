namespace BudgetHub.E2E;

/// <summary>The search boxes for a bot or a user id find what starts with the text typed, in any case, not only the whole id.</summary>
public sealed class PartialIdSearchTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task SendOverBudgetAsync(string bot, string action, string userId)
    {
        await fixture.CreatePolicyAsync(new
        {
            name = $"Search budget {bot}", scope = new { type = "bot", id = bot }, metric = "tokens", limit = 1000,
            window = new { type = "fixed", unit = "day" }, thresholds = new[] { 50 }, action,
        });
        await fixture.PostEventAsync(new { id = $"{bot}-1", botId = bot, userId, inputTokens = 1200 });
        await fixture.PostEventAsync(new { id = $"{bot}-2", botId = bot, userId, inputTokens = 10 });
    }

    [Fact]
    public async Task TheNotificationsBotSearch_FindsABotByTheStartOfItsId()
    {
        await SendOverBudgetAsync("prefix-search-bot", "warn", "someone");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/notifications");
        var alertRow = page.GetByTestId("alerts-table").Locator("tr", new() { HasText = "Search budget prefix-search-bot" }).First;
        await Expect(alertRow).ToBeVisibleAsync();

        await page.GetByLabel("Bot", new() { Exact = true }).FillAsync("PREFIX-search");
        await Expect(alertRow).ToBeVisibleAsync();

        await page.GetByLabel("Bot", new() { Exact = true }).FillAsync("search-bot");
        await Expect(page.GetByTestId("alerts-no-match")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheEnforcementLogUserSearch_FindsAUserByTheStartOfTheirId()
    {
        await SendOverBudgetAsync("log-search-bot", "block", "customer-4711");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/enforcement");
        var table = page.GetByTestId("log-table");
        await Expect(table).ToContainTextAsync("customer-4711");

        await page.GetByTestId("log-filter-user").FillAsync("Customer-47");
        await Expect(table).ToContainTextAsync("customer-4711");

        await page.GetByTestId("log-filter-user").FillAsync("customer-48");
        await Expect(page.GetByText("No enforcement events match these filters.")).ToBeVisibleAsync();
    }
}
