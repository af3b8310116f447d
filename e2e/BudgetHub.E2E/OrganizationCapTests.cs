namespace BudgetHub.E2E;

/// <summary>
/// A bot that the organization-wide cap stops (an app of its own: the cap stops every bot): its page says what lifts
/// the cap and offers Resume only while resuming would lift something, a pause by hand.
/// </summary>
public sealed class OrganizationCapTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Bot = "org-capped-bot";

    [Fact]
    public async Task ABotStoppedOnlyByTheOrganizationsCap_OffersNoResume_UntilItIsAlsoPausedByHand()
    {
        await fixture.CreatePolicyAsync(new
        {
            name = "Organization daily tokens", scope = new { type = "account" }, metric = "tokens", limit = 100,
            window = new { type = "fixed", unit = "day" }, action = "block",
        });
        await fixture.PostEventAsync(new { id = "org-cap-1", botId = Bot, inputTokens = 200 });
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, $"/bots/{Bot}");

        var note = page.GetByTestId("cap-note");
        await Expect(note).ToContainTextAsync("The organization-wide cap is what stops this bot");
        await Expect(note).ToContainTextAsync("Resuming this bot won't help.");
        await Expect(page.GetByTestId("resume")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("pause")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "bot-organization-cap");

        using (var client = fixture.App.CreateClient())
        {
            (await client.PostAsync($"/api/v1/bots/{Bot}/pause", null)).EnsureSuccessStatusCode();
        }

        await Expect(page.GetByTestId("resume")).ToBeVisibleAsync();
        await Expect(note).ToContainTextAsync("Resuming this bot lifts only its own pause or cap; that cap still holds.");
        await BrowserFixture.ScreenshotAsync(page, "bot-organization-cap-and-pause");

        await page.GetByTestId("resume").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();

        await Expect(page.GetByText("org-capped-bot's own pause is lifted, but the organization-wide cap still stops it.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("resume")).ToHaveCountAsync(0);
        await Expect(note).ToContainTextAsync("Resuming this bot won't help.");
        await Expect(page.GetByTestId("why")).ToBeFocusedAsync();
    }
}
