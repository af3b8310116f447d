using System.Net.Http.Json;

namespace BudgetHub.E2E;

/// <summary>A create or edit dialog puts the focus in its first field, so typing straight after it opens fills that field.</summary>
public sealed class DialogFocusTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("/settings/api-keys", "[data-testid=create-api-key]", ".mud-dialog input")]
    [InlineData("/settings/webhooks", "button:has-text('Add webhook source')", ".mud-dialog input")]
    [InlineData("/budgets", "[data-testid=create-budget] >> nth=0", "[data-testid=policy-name]")]
    [InlineData("/enforcement", "[data-testid=tier-templates-new]", "[data-testid=policy-scope-id]")]
    [InlineData("/enforcement", "[data-testid=user-overrides-new]", "[data-testid=policy-scope-id]")]
    [InlineData("/settings/retention", "[data-testid=add-retention]", "[data-testid=retention-name]")]
    [InlineData("/settings/pricing", "[data-testid=add-price]", ".mud-dialog input >> nth=0")]
    [InlineData("/bots/focus-bot", "[data-testid=pause]", ".mud-dialog input[type=text]")]
    public async Task ADialog_WhenOpened_TakesTypingInItsFirstField(string path, string opener, string field)
    {
        using (var client = fixture.App.CreateClient())
        {
            (await client.PostAsJsonAsync("/api/v1/usage/events", new { id = "focus-" + Guid.NewGuid(), botId = "focus-bot", inputTokens = 10 })).EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, path);

        await page.Locator(opener).ClickAsync();
        await Expect(page.Locator(field)).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("typed");

        await Expect(page.Locator(field)).ToHaveValueAsync("typed");
        await Expect(page.Locator(field)).ToBeFocusedAsync();
    }
}
