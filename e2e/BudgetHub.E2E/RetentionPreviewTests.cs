using System.Net.Http.Json;

namespace BudgetHub.E2E;

/// <summary>The retention dialog says what saving would delete while the policy is typed, before anything is deleted.</summary>
public sealed class RetentionPreviewTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheDialog_CountsWhatTheTypedPolicyWouldDelete_AndRecountsAsItChanges()
    {
        using (var client = fixture.App.CreateClient())
        {
            var old = DateTimeOffset.UtcNow.AddDays(-40).ToString("O");
            (await client.PostAsJsonAsync("/api/v1/usage/events", new object[]
            {
                new { id = "retention-preview-1", botId = "old-bot", timestamp = old, inputTokens = 10, conversationId = "c-old" },
                new { id = "retention-preview-2", botId = "old-bot", timestamp = old, inputTokens = 10, conversationId = "c-old" },
                new { id = "retention-preview-3", botId = "old-bot", inputTokens = 10 },
            })).EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings/retention");
        await page.GetByTestId("add-retention").ClickAsync();
        var preview = page.GetByTestId("retention-preview");

        await Expect(preview).ToHaveTextAsync("Saving deletes 2 events, 1 conversation and 0 log rows older than 30 days at the next hourly run. Totals stay.");
        await BrowserFixture.ScreenshotAsync(page, "retention-dialog-preview");
        await page.GetByTestId("retention-editor").GetByText("One bot", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("retention-bot").FillAsync("old-bot");
        await Expect(preview).ToHaveTextAsync("Saving deletes 2 events, 1 conversation and 0 log rows older than 30 days at the next hourly run. Totals stay.");

        await page.GetByTestId("retention-days").FillAsync("45");
        await Expect(preview).ToHaveTextAsync("Nothing is older than 45 days yet: saving deletes nothing now.");
        await page.GetByTestId("retention-days").FillAsync("30");
        await page.GetByTestId("retention-bot").FillAsync("another-bot");
        await Expect(preview).ToHaveTextAsync("Nothing is older than 30 days yet: saving deletes nothing now.");
    }

    [Fact]
    public async Task APolicyOfTwelveHoursMadeByTheApi_IsShownInHours_AndKeepsItsAgeWhenRenamed()
    {
        using var client = fixture.App.CreateClient();
        var created = await client.PostAsJsonAsync("/api/v1/policies", new { name = "Half a day", kind = "retention", scope = new { type = "account" }, maxAge = "PT12H" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString();

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings/retention");
        await page.Locator("tr", new() { HasText = "Half a day" }).GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.GetByTestId("retention-days")).ToHaveValueAsync("12");
        await Expect(page.GetByTestId("retention-editor").Locator(".bh-duration-unit")).ToContainTextAsync("hours");
        await BrowserFixture.ScreenshotAsync(page, "retention-dialog-hours");
        await page.GetByTestId("retention-name").FillAsync("Half a day, renamed");
        await page.GetByTestId("retention-save").ClickAsync();
        await Expect(page.GetByTestId("retention-editor")).ToHaveCountAsync(0);

        var saved = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/policies/{id}");
        Assert.Equal(("Half a day, renamed", "PT12H"), (saved.GetProperty("name").GetString(), saved.GetProperty("maxAge").GetString()));
    }
}
