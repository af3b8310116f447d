using System.Net.Http.Json;
using System.Text.Json;

namespace BudgetHub.E2E;

/// <summary>
/// Alerts where people look for them: a tier template's alerts say whose each is, and an alert of a deleted
/// budget is acknowledged like any other.
/// </summary>
public sealed class BotAlertsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
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
