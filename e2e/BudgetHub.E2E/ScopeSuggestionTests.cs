using System.Net.Http.Json;

namespace BudgetHub.E2E;

/// <summary>The scope field suggests the bots, teams, users and tiers already seen; an open list never swallows the next click.</summary>
public sealed class ScopeSuggestionTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Save_WhileTheSuggestionListIsOpen_SavesTheBudget()
    {
        using (var client = fixture.App.CreateClient())
        {
            (await client.PostAsJsonAsync("/api/v1/usage/events", new { id = "suggest-1", botId = "support-bot", inputTokens = 10 })).EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await page.GetByTestId("create-budget").First.ClickAsync();
        await page.GetByTestId("policy-name").FillAsync("Support bot spend");
        await page.GetByTestId("policy-limit").FillAsync("25");
        await page.GetByTestId("policy-scope").GetByText("Bot", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("policy-scope-id").FillAsync("support-bot");
        await Expect(page.Locator(".mud-popover-open .mud-list")).ToContainTextAsync("support-bot");
        await BrowserFixture.ScreenshotAsync(page, "budget-dialog-suggestions-open");

        await page.GetByTestId("policy-save").ClickAsync();

        await Expect(page.GetByTestId("policy-editor")).Not.ToBeVisibleAsync();
        var row = page.GetByTestId("budgets-table").Locator("tr", new() { HasText = "Support bot spend" });
        await Expect(row).ToContainTextAsync("support-bot");
    }
}
