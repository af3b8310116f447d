using System.Net.Http.Json;
using System.Text.Json;

namespace BudgetHub.E2E;

/// <summary>Alerts where people look for them: an alert of a deleted budget is acknowledged like any other.</summary>
public sealed class BotAlertsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
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
