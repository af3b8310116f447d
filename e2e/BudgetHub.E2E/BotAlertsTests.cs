using System.Net.Http.Json;
using System.Text.Json;

namespace BudgetHub.E2E;

/// <summary>
/// Alerts where people look for them: a bot's page lists its active alerts live and acknowledges them, a
/// tier template's alerts say whose each is, and an alert of a deleted budget is acknowledged like any other.
/// </summary>
public sealed class BotAlertsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ABotsAlerts_AppearLiveOnItsPage_AreAcknowledgedThere_AndAllAlertsOpensThemFiltered()
    {
        var (page, bot) = await fixture.OpenNewBotAsync("alerts");
        await fixture.CreatePolicyAsync(new
        {
            name = "E2E bot alerts budget", scope = new { type = "bot", id = bot }, metric = "tokens", limit = 1000,
            window = new { type = "fixed", unit = "day" }, thresholds = new[] { 80, 95 }, action = "warn",
        });
        var panel = page.GetByTestId("bot-alerts");
        await Expect(panel.GetByTestId("bot-alerts-empty")).ToContainTextAsync("No active alerts for this bot");
        await BrowserFixture.ScreenshotAsync(page, "bot-alerts-empty");

        await fixture.PostEventAsync(new { id = $"{bot}-1", botId = bot, inputTokens = 800 });
        await Expect(panel.GetByTestId("bot-alert")).ToContainTextAsync("Warning");
        await fixture.PostEventAsync(new { id = $"{bot}-2", botId = bot, inputTokens = 160 }); // with the first event's 10: 97%

        var critical = panel.GetByTestId("bot-alert").Filter(new() { HasText = "Critical" });
        await Expect(critical).ToContainTextAsync("E2E bot alerts budget");
        await Expect(critical).ToContainTextAsync("970 tokens of 1,000 tokens, reached 95%");
        await Expect(panel.GetByTestId("bot-alerts-ack-all")).ToHaveTextAsync("Acknowledge all (2)");
        await BrowserFixture.ScreenshotAsync(page, "bot-alerts");

        await panel.GetByTestId("bot-alert").Filter(new() { HasText = "Warning" }).GetByTestId("bot-alert-ack").ClickAsync();

        await Expect(panel.GetByTestId("bot-alert")).ToHaveCountAsync(1);
        await Expect(panel.GetByTestId("bot-alerts-ack-all")).ToHaveCountAsync(0);
        await Expect(panel.GetByTestId("bot-alert-ack")).ToBeFocusedAsync();

        await panel.GetByTestId("bot-alerts-all").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/notifications\\?bot={bot}$"));
        await Expect(page.GetByLabel("Bot", new() { Exact = true })).ToHaveValueAsync(bot);
        var rows = page.GetByTestId("alerts-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("Critical");
        await BrowserFixture.ScreenshotAsync(page, "notifications-for-bot");
    }

    [Fact]
    public async Task ATierTemplatesAlerts_SayWhichUserEachIsFor_InTheBellAndOnTheNotificationsPage()
    {
        await fixture.CreatePolicyAsync(new
        {
            name = "E2E free tier daily tokens", scope = new { type = "tier", id = "e2e-free" }, metric = "tokens", limit = 100,
            window = new { type = "fixed", unit = "day" }, thresholds = new[] { 80 }, action = "warn",
        });
        foreach (var user in new[] { "ada", "grace", "linus" })
        {
            await fixture.PostEventAsync(new { id = $"tier-{user}", botId = "tier-faq-bot", userId = user, tier = "e2e-free", inputTokens = 90 });
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/notifications");
        await page.GetByTestId("bell").ClickAsync();

        var whom = page.GetByTestId("bell-for-whom");
        await Expect(whom).ToHaveTextAsync(["For user linus, via bot tier-faq-bot", "For user grace, via bot tier-faq-bot", "For user ada, via bot tier-faq-bot"]);
        // The menu fades in: a screenshot taken during the fade shows the page through it.
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "bell-per-user.png"), Animations = ScreenshotAnimations.Disabled });
        await page.Keyboard.PressAsync("Escape");

        var row = page.GetByTestId("alerts-table").Locator("tr", new() { HasText = "user grace" });
        await Expect(row).ToContainTextAsync("E2E free tier daily tokens");
        await Expect(row.GetByTestId("via-bot")).ToHaveTextAsync("via bot tier-faq-bot");
    }

    [Fact]
    public async Task AnAlertOfADeletedBudget_HasAnAcknowledgeButton_AndNoLinkToTheBudget()
    {
        string policyId;
        using (var client = fixture.App.CreateClient())
        {
            var created = await client.PostAsJsonAsync("/api/v1/policies", new
            {
                name = "E2E soon deleted budget", scope = new { type = "bot", id = "deleted-budget-bot" }, metric = "tokens", limit = 100,
                window = new { type = "fixed", unit = "day" }, thresholds = new[] { 80 }, action = "warn",
            });
            created.EnsureSuccessStatusCode();
            policyId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            await fixture.PostEventAsync(new { id = "deleted-budget-1", botId = "deleted-budget-bot", inputTokens = 90 });
            (await client.DeleteAsync($"/api/v1/policies/{policyId}")).EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/notifications");
        var row = page.GetByTestId("alerts-table").Locator("tr", new() { HasText = "E2E soon deleted budget" });

        await Expect(row).ToContainTextAsync("(deleted)");
        await Expect(row.GetByTestId("resolution")).ToHaveTextAsync("Resolved: its budget was deleted");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "E2E soon deleted budget" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "notifications-deleted-budget");

        await row.GetByTestId("ack").ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.GetByText("Alert acknowledged.")).ToBeVisibleAsync();
    }
}
