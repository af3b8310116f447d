using System.Net.Http.Json;

namespace BudgetHub.E2E;

/// <summary>A live update changes a table's rows in place: an open row menu stays open and the keyboard focus stays put.</summary>
public sealed class LiveRowsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnOpenRowMenu_StaysOpen_WhileTheBudgetsNumbersChangeLive()
    {
        using (var client = fixture.App.CreateClient())
        {
            (await client.PostAsJsonAsync("/api/v1/policies", new
            {
                name = "E2E live row budget", scope = new { type = "bot", id = "live-row-bot" }, metric = "tokens", limit = 1000,
                window = new { type = "fixed", unit = "day" }, thresholds = new[] { 90 }, action = "warn",
            })).EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        var row = page.GetByTestId("budgets-table").Locator("tr", new() { HasText = "E2E live row budget" });
        await row.GetByTestId("policy-menu").Locator("button").ClickAsync();
        await Expect(page.GetByTestId("policy-edit")).ToBeVisibleAsync();

        await SignedWebhook.PostAsync(fixture.App, """{"id":"live-row-1","botId":"live-row-bot","inputTokens":300}""");

        await Expect(row).ToContainTextAsync("30%");
        await Expect(page.GetByTestId("policy-edit")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheFocusedBot_KeepsTheFocus_WhileTheBotsListChangesLive()
    {
        await SignedWebhook.PostAsync(fixture.App, """{"id":"live-focus-1","botId":"live-focus-bot","inputTokens":100}""");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/bots");
        var link = page.GetByRole(AriaRole.Link, new() { Name = "live-focus-bot", Exact = true });
        await link.FocusAsync();

        await SignedWebhook.PostAsync(fixture.App, """{"id":"live-focus-2","botId":"live-focus-bot","inputTokens":500}""");

        await Expect(page.Locator("tr", new() { HasText = "live-focus-bot" })).ToContainTextAsync("600");
        await Expect(link).ToBeFocusedAsync();
    }
}
