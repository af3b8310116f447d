using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace BudgetHub.E2E;

/// <summary>A finance lead's day: a budget made in the UI, events arriving, the bar moving, a block, a resume, an alert.</summary>
public sealed class BudgetFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task PostAsync(object body)
    {
        using var client = fixture.App.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/usage/events", body);
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task ABudgetMadeInTheUi_FillsUp_BlocksTheBotLive_AndTheBotCanBeResumed()
    {
        var budgets = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(budgets);
        await BrowserFixture.OpenAsync(budgets, "/budgets");
        await budgets.GetByTestId("create-budget").First.ClickAsync();
        await budgets.GetByTestId("policy-name").FillAsync("E2E bot cap");
        await budgets.GetByTestId("policy-scope").GetByText("Bot", new() { Exact = true }).ClickAsync();
        await budgets.GetByTestId("policy-scope-id").FillAsync("e2e-bot");
        await budgets.GetByTestId("policy-limit").FillAsync("1");
        await budgets.GetByTestId("policy-hard-limit").CheckAsync();
        // The owner's default preferences email from 80%: the dialog says which of its alerts only reach the app.
        await Expect(budgets.GetByTestId("policy-email-preferences")).ToContainTextAsync("The 50% and 75% alerts are emailed only to people whose");
        await BrowserFixture.ScreenshotAsync(budgets, "budget-dialog");
        await budgets.GetByTestId("policy-save").ClickAsync();
        var row = budgets.GetByTestId("budgets-table").Locator("tr", new() { HasText = "E2E bot cap" });
        await Expect(row).ToBeVisibleAsync();

        var log = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(log);
        await BrowserFixture.OpenAsync(log, "/enforcement");
        await Expect(log.GetByTestId("enforcement-log")).ToBeVisibleAsync();

        await PostAsync(new { id = "e2e-1", botId = "e2e-bot", costUsd = 0.6m, inputTokens = 1000 });
        await Expect(row).ToContainTextAsync("60%");
        await BrowserFixture.ScreenshotAsync(budgets, "budget-60-percent");

        await PostAsync(new { id = "e2e-2", botId = "e2e-bot", costUsd = 0.6m, inputTokens = 1000 });
        await Expect(row).ToContainTextAsync("120%");
        await Expect(log.GetByTestId("log-table")).ToContainTextAsync("e2e-bot");
        await Expect(log.GetByTestId("log-action").First).ToContainTextAsync(new Regex("Blocked", RegexOptions.IgnoreCase));
        await BrowserFixture.ScreenshotAsync(budgets, "budget-over-limit");
        await BrowserFixture.ScreenshotAsync(log, "enforcement-log-live");

        var bot = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(bot);
        await BrowserFixture.OpenAsync(bot, "/bots/e2e-bot");
        await Expect(bot.GetByTestId("paused-alert")).ToContainTextAsync("E2E bot cap");
        await Expect(bot.GetByTestId("bot-status").First).ToHaveAttributeAsync("data-paused-by", "budget");
        // A bot's hard limit of cost per month is its monthly cost cap, whatever its name.
        await Expect(bot.GetByTestId("cap-month-cost")).ToHaveValueAsync("1.00");
        await Expect(bot.GetByTestId("other-budgets")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(bot, "bot-paused");
        await bot.GetByTestId("resume").ClickAsync();
        await bot.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(bot.GetByTestId("bot-status").First).ToContainTextAsync("Active");
        await BrowserFixture.ScreenshotAsync(bot, "bot-resumed");
    }

    [Fact]
    public async Task TheBudgetDialog_SaysWhyItRefusesAFractionalPercentageAndANegativeLimit_AndSavesNothing()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await BrowserFixture.OpenNewBudgetAsync(page);
        var dialog = page.Locator(".mud-dialog");
        await page.GetByTestId("policy-name").FillAsync("E2E refused budget");
        await page.GetByTestId("policy-limit").FillAsync("25");

        await page.GetByTestId("threshold-draft").FillAsync("50.5");
        await page.GetByTestId("threshold-draft").PressAsync("Enter");

        await Expect(dialog).ToContainTextAsync("Alert percentages are whole numbers from 1 to 99; 50.5 is not one.");
        await page.GetByTestId("threshold-draft").FillAsync("");
        await page.GetByTestId("policy-limit").FillAsync("-5");
        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Must be 0 or more");
        await BrowserFixture.ScreenshotAsync(page, "budget-dialog-refused");

        using var client = fixture.App.CreateClient();
        var policies = await client.GetStringAsync("/api/v1/policies");
        Assert.DoesNotContain("E2E refused budget", policies, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAlert_AppearsLiveInTheFeedAndTheBell_IsAcknowledged_AndPreferencesSave()
    {
        using (var client = fixture.App.CreateClient())
        {
            var created = await client.PostAsJsonAsync("/api/v1/policies", new
            {
                name = "E2E alert budget", scope = new { type = "bot", id = "alert-bot" }, metric = "tokens", limit = 1000,
                window = new { type = "fixed", unit = "day" }, thresholds = new[] { 50 }, action = "warn",
            });
            created.EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/notifications");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Notifications");

        await PostAsync(new { id = "alert-1", botId = "alert-bot", inputTokens = 600 });

        var alertRow = page.GetByTestId("alerts-table").Locator("tr", new() { HasText = "E2E alert budget" });
        await Expect(alertRow).ToBeVisibleAsync();
        await Expect(page.GetByTestId("bell-count")).ToContainTextAsync(new Regex("[1-9]"));
        await BrowserFixture.ScreenshotAsync(page, "notifications-live");

        await alertRow.GetByTestId("ack").ClickAsync();
        await Expect(alertRow).Not.ToBeVisibleAsync();

        await BrowserFixture.OpenAsync(page, "/notifications/preferences");
        // The budget lists no one, so it emails the owners: the page says so before its switches.
        await Expect(page.GetByTestId("budgets-emailing-you")).ToContainTextAsync("E2E alert budget");
        await page.GetByTestId("email-info").ClickAsync();
        await Expect(page.GetByText("Saved.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "notification-preferences");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("email-info")).ToBeCheckedAsync();
    }
}
