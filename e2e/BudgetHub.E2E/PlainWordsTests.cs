using System.Net.Http.Json;

namespace BudgetHub.E2E;

/// <summary>Refused fields and windows read in the form's own words, never in the API's (field paths, ISO 8601 durations, null).</summary>
public sealed class PlainWordsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string[] ApiWords = ["ISO", "PT1", "P31D", "null", "blockFor", "scope.", "window.", "notify.", "http(s)", "[0]", "[1]"];

    private static ILocator FieldOf(IPage page, string testId) => page.Locator(".mud-input-control", new() { Has = page.GetByTestId(testId) });

    [Fact]
    public async Task TheBudgetDialog_SaysWhatIsWrongWithItsOwnLabelsAndPlainWords()
    {
        var page = await fixture.NewPageAsync(height: 2400);
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await BrowserFixture.OpenNewBudgetAsync(page);

        await page.GetByTestId("policy-scope").GetByText("Bot", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("policy-limit").FillAsync("5");
        await page.GetByTestId("policy-window").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Rolling —").ClickAsync();
        await page.GetByTestId("policy-rolling-amount").FillAsync("");
        await page.GetByTestId("policy-hard-limit").CheckAsync();
        await page.GetByText("Block for a set time").ClickAsync();
        await page.GetByTestId("policy-block-amount").FillAsync("0");
        await page.GetByText("Webhook", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Webhook URL").FillAsync("hooks.example.com/budget");
        await page.GetByTestId("policy-recipients").FillAsync("finance@example.com, not-an-email");
        await page.GetByText("Advanced: count one model or category only").ClickAsync();
        await page.GetByLabel("Model").FillAsync(new string('m', 130));
        await page.GetByTestId("policy-save").ClickAsync();

        await Expect(FieldOf(page, "policy-scope-id")).ToContainTextAsync("Enter the bot id: 1 to 128 characters.");
        await Expect(FieldOf(page, "policy-rolling-amount")).ToContainTextAsync("A rolling period lasts from 1 minute to 31 days: enter a whole number of minutes, hours or days.");
        await Expect(FieldOf(page, "policy-block-amount")).ToContainTextAsync("Enter how long to block: a whole number of minutes, hours or days.");
        await Expect(FieldOf(page, "policy-recipients")).ToContainTextAsync("Recipient 2: Must be an email address.");
        await Expect(page.GetByTestId("policy-editor")).ToContainTextAsync("Enter a full web address that starts with https://");
        await Expect(page.GetByTestId("policy-editor")).ToContainTextAsync("At most 128 characters; leave it empty to count every model.");
        await BrowserFixture.ScreenshotAsync(page, "budget-dialog-plain-errors");
        var text = await page.GetByTestId("policy-editor").InnerTextAsync();
        Assert.All(ApiWords, word => Assert.DoesNotContain(word, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PeriodsDryRunsAndTierTemplates_ReadInAFinanceLeadsWords()
    {
        await fixture.CreatePolicyAsync(new
        {
            name = "Pro plan trial cap", scope = new { type = "tier", id = "pro-trial" }, metric = "cost", limit = 20,
            window = new { type = "fixed", unit = "month" }, action = "dry_run",
        });
        var page = await fixture.NewPageAsync(height: 1400);
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await BrowserFixture.OpenNewBudgetAsync(page);

        await Expect(FieldOf(page, "policy-window").Locator("label")).ToHaveTextAsync("Period");
        await Expect(FieldOf(page, "policy-window")).ToContainTextAsync("When the count starts again.");
        await page.GetByTestId("policy-window").ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveTextAsync(
            ["Per hour — resets hourly", "Per day — resets at midnight", "Per week — resets Monday", "Per month — resets on the 1st", "Rolling — e.g. the last 24 h…"]);
        await page.Locator(".mud-popover-open").GetByText("Per day").ClickAsync();
        await page.GetByTestId("policy-soft-action").GetByText("Log only", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("policy-editor")).ToContainTextAsync("Log only (a dry run): at 100% calls are never warned or blocked, each hit is only written to the enforcement log");
        await BrowserFixture.ScreenshotAsync(page, "budget-dialog-finance-words");
        Assert.DoesNotContain("window", await page.GetByTestId("policy-editor").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);

        var enforcement = await fixture.NewPageAsync(height: 1400);
        await BrowserFixture.SignInAsync(enforcement);
        await BrowserFixture.OpenAsync(enforcement, "/enforcement");
        var tiers = enforcement.GetByTestId("tier-templates");
        await Expect(tiers).ToContainTextAsync("One limit per customer on a plan (free, pro…): each user of the tier gets the whole limit, not a share.");
        await Expect(tiers.Locator("thead th")).ToContainTextAsync(["Tier", "Limit", "Period"]);
        await Expect(tiers.Locator("tr", new() { HasText = "pro-trial" }).GetByTestId("policy-action")).ToHaveTextAsync("Log only");
        await BrowserFixture.ScreenshotAsync(enforcement, "enforcement-finance-words");
        Assert.DoesNotContain("Window", await enforcement.Locator(".mud-main-content").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBudgetDialog_WithoutAnyAction_NamesTheSwitchesToTurnOn()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await BrowserFixture.OpenNewBudgetAsync(page);
        await page.GetByTestId("policy-limit").FillAsync("5");
        await page.GetByTestId("policy-notify-email").UncheckAsync();
        await page.GetByText("In-app notification").ClickAsync();
        await page.GetByTestId("policy-save").ClickAsync();

        await Expect(page.GetByTestId("policy-editor"))
            .ToContainTextAsync("Choose what happens at 100%: turn on Hard limit (block), or at least one of Email, In-app notification or Webhook.");
    }

    [Fact]
    public async Task TheRetentionDialog_AsksForTheBotIdInPlainWords()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings/retention");
        await page.GetByTestId("add-retention").ClickAsync();
        await page.GetByTestId("retention-editor").GetByText("One bot", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("retention-save").ClickAsync();

        await Expect(FieldOf(page, "retention-bot")).ToContainTextAsync("Enter the bot id: 1 to 128 characters.");
        await BrowserFixture.ScreenshotAsync(page, "retention-dialog-plain-errors");
    }

    [Fact]
    public async Task AFieldErrorShowsAgain_WhenTheCorrectedValueIsStillWrong()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await BrowserFixture.OpenNewBudgetAsync(page);
        await page.GetByTestId("policy-name").FillAsync("Twice wrong " + Guid.NewGuid().ToString("N")[..6]);
        await page.GetByTestId("policy-limit").FillAsync("-5");
        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(FieldOf(page, "policy-limit")).ToContainTextAsync("Must be 0 or more");

        await page.GetByTestId("policy-limit").FillAsync("-3");
        await page.GetByTestId("policy-save").ClickAsync();

        await Expect(FieldOf(page, "policy-limit")).ToContainTextAsync("Must be 0 or more");
        await Expect(page.GetByTestId("policy-limit")).ToHaveValueAsync("-3");
    }

    [Fact]
    public async Task ARetentionOfZeroDays_IsAFieldError_NotTurnedIntoOneDay()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings/retention");
        await page.GetByTestId("add-retention").ClickAsync();
        await page.GetByTestId("retention-days").FillAsync("0");
        await page.GetByTestId("retention-save").ClickAsync();

        await Expect(FieldOf(page, "retention-days")).ToContainTextAsync("Keep data for 1 hour to 3650 days.");
        await Expect(page.GetByTestId("retention-days")).ToHaveValueAsync("0");
    }

    [Fact]
    public async Task AnAlertOfARollingWindow_ShowsItsWindowInWords()
    {
        using (var client = fixture.App.CreateClient())
        {
            (await client.PostAsJsonAsync("/api/v1/policies", new
            {
                name = "Half-hour tokens", scope = new { type = "bot", id = "half-hour-bot" }, metric = "tokens", limit = 1000,
                window = new { type = "rolling", duration = "PT30M" }, thresholds = new[] { 50 }, action = "warn",
            })).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("/api/v1/usage/events", new { id = "half-1", botId = "half-hour-bot", inputTokens = 600 })).EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/notifications");
        var row = page.GetByTestId("alerts-table").Locator("tr", new() { HasText = "Half-hour tokens" });

        await Expect(row).ToContainTextAsync("rolling 30 min");
        await Expect(row).Not.ToContainTextAsync("PT30M");
    }
}
