namespace BudgetHub.E2E;

/// <summary>After a keyboard user acts, the focus stays where they can carry on, not at the top of the page.</summary>
public sealed class KeyboardFocusTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static Task<string> FocusedAsync(IPage page, string attribute) =>
        page.EvaluateAsync<string>($"() => document.activeElement?.getAttribute('{attribute}') ?? document.activeElement?.textContent ?? ''");

    /// <summary>A daily budget of 1,000 tokens on one bot that alerts at 50%: 600 tokens raise an alert.</summary>
    private Task CreateWarnAt50Async(string name, string bot) => fixture.CreatePolicyAsync(new
    {
        name, scope = new { type = "bot", id = bot }, metric = "tokens", limit = 1000,
        window = new { type = "fixed", unit = "day" }, thresholds = new[] { 50 }, action = "warn",
    });

    [Fact]
    public async Task SavingGeneralSettingsWithEnter_KeepsTheFocusOnSave()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings");
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save changes" });

        await save.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByText("Settings saved.")).ToBeVisibleAsync();
        await Expect(save).ToBeFocusedAsync();
    }

    [Fact]
    public async Task AcknowledgingAnAlertWithEnter_MovesTheFocusToTheNextAlert()
    {
        foreach (var bot in new[] { "focus-bot-1", "focus-bot-2" })
        {
            await CreateWarnAt50Async($"Focus budget {bot}", bot);
            await fixture.PostEventAsync(new { id = $"{bot}-e1", botId = bot, inputTokens = 600 });
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/notifications");
        var rows = page.GetByTestId("alerts-table").Locator("tr", new() { HasText = "Focus budget focus-bot-" });
        await Expect(rows).ToHaveCountAsync(2);
        await rows.First.GetByTestId("ack").FocusAsync();

        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByText("Alert acknowledged.")).ToBeVisibleAsync();
        await Poll.UntilAsync(async () => await FocusedAsync(page, "data-testid") == "ack", "the focus on the next alert's Acknowledge");
        await Expect(rows).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task ANewAlertArrivingLive_LeavesTheFocusWhereItWas()
    {
        foreach (var bot in new[] { "live-focus-1", "live-focus-2" })
        {
            await CreateWarnAt50Async($"Live focus {bot}", bot);
        }

        await fixture.PostEventAsync(new { id = "live-focus-1-e1", botId = "live-focus-1", inputTokens = 600 });
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/notifications");
        var rows = page.GetByTestId("alerts-table").Locator("tr", new() { HasText = "Live focus live-focus-" });
        await Expect(rows).ToHaveCountAsync(1);
        var ack = rows.First.GetByTestId("ack");
        await ack.FocusAsync();

        await fixture.PostEventAsync(new { id = "live-focus-2-e1", botId = "live-focus-2", inputTokens = 600 });

        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=ack]:focus")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("alerts-table").Locator("tr", new() { Has = page.Locator("[data-testid=ack]:focus") })).ToContainTextAsync("live-focus-1");
    }
}
