using System.Net.Http.Json;
using System.Text.Json;

namespace BudgetHub.E2E;

/// <summary>A hard limit that this window's usage already reaches is called out before saving, and can still be saved.</summary>
public sealed class AlreadyExceededTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<string> PostAsync(object body)
    {
        using var client = fixture.App.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/usage/events", body);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("results")[0].GetProperty("action").GetString()!;
    }

    [Fact]
    public async Task TheBudgetDialog_WarnsThatAHardLimitBelowTodaysUsageBlocksTheBot_AndSavesAnyway()
    {
        await PostAsync(new { id = "spend-1", botId = "spendy", costUsd = 0.73m, inputTokens = 100 });
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");

        await BrowserFixture.OpenNewBudgetAsync(page);
        await page.GetByTestId("policy-name").FillAsync("Spendy daily cap");
        await page.GetByTestId("policy-scope").GetByText("Bot", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("policy-scope-id").FillAsync("spendy");
        await page.GetByTestId("policy-scope-id").PressAsync("Tab");
        await page.GetByTestId("policy-window").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Per day").ClickAsync();
        await page.GetByTestId("policy-limit").FillAsync("0.5");
        var warning = page.GetByTestId("policy-already-exceeded");
        await Expect(warning).ToHaveCountAsync(0);

        await page.GetByTestId("policy-hard-limit").CheckAsync();
        await Expect(warning).ToHaveTextAsync("Usage today is already $0.73, above this $0.50 limit: saving blocks bot spendy.");
        await warning.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "budget-dialog-already-exceeded");
        await page.GetByTestId("policy-limit").FillAsync("1");
        await Expect(warning).ToHaveCountAsync(0);
        await page.GetByTestId("policy-limit").FillAsync("0.73");
        await Expect(warning).ToContainTextAsync("already at this $0.73 limit");

        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(page.GetByTestId("budgets-table")).ToContainTextAsync("Spendy daily cap");
        Assert.Equal("block", await PostAsync(new { id = "spend-2", botId = "spendy", costUsd = 0.01m }));
    }

    [Fact]
    public async Task EditingARollingPolicy_WarnsFromItsOwnCounter_WhenTurnedIntoAHardLimitBelowIt()
    {
        using (var client = fixture.App.CreateClient())
        {
            (await client.PostAsJsonAsync("/api/v1/policies", new
            {
                name = "Roller half hour", scope = new { type = "bot", id = "roller" }, metric = "tokens", limit = 10_000,
                window = new { type = "rolling", duration = "PT30M" }, action = "warn",
            })).EnsureSuccessStatusCode();
        }

        await PostAsync(new { id = "roll-1", botId = "roller", inputTokens = 1_500 });
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        var row = page.GetByTestId("budgets-table").Locator("tr", new() { HasText = "Roller half hour" });
        await row.GetByTestId("policy-menu").ClickAsync();
        await page.GetByTestId("policy-edit").ClickAsync();

        await page.GetByTestId("policy-limit").FillAsync("1000");
        await page.GetByTestId("policy-hard-limit").CheckAsync();

        await Expect(page.GetByTestId("policy-already-exceeded"))
            .ToHaveTextAsync("Usage in the last 30 min is already 1,500 tokens, above this 1,000 tokens limit: saving blocks bot roller.");
    }

    [Fact]
    public async Task TheBotPageCaps_WarnThatACapBelowTodaysUsagePausesTheBot()
    {
        await PostAsync(new { id = "capped-1", botId = "capped", costUsd = 2.5m, inputTokens = 100 });
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/bots/capped");

        await page.GetByTestId("cap-day-cost").FillAsync("2");
        var warning = page.GetByTestId("cap-already-exceeded-day-cost");
        await Expect(warning).ToHaveTextAsync("Usage today is already $2.50, above this $2.00 cap: saving pauses this bot.");
        await Expect(page.GetByTestId("cap-already-exceeded-month-cost")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "bot-caps-already-exceeded");

        await page.GetByTestId("cap-day-cost").FillAsync("3");
        await Expect(warning).ToHaveCountAsync(0);

        // Saving pauses the bot at once (the status says so), and the warning has nothing more to say.
        await page.GetByTestId("cap-day-cost").FillAsync("2");
        await Expect(warning).ToBeVisibleAsync();
        await page.GetByTestId("save-caps").ClickAsync();
        await Expect(warning).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("bot-status").First).ToContainTextAsync("Paused");
        await BrowserFixture.OpenAsync(page, "/bots/capped");
        await Expect(page.GetByTestId("cap-day-cost")).ToHaveValueAsync("2.00");
        await Expect(warning).ToHaveCountAsync(0);
    }
}
