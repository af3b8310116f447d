namespace BudgetHub.E2E;

/// <summary>On a slow connection the server's answers land late; what the user typed must stay where they typed it.</summary>
public sealed class SlowConnectionTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheBotIdField_AnsweringLate_DoesNotTakeTheFocusBackFromTheLimit()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        var network = await HeldServerFrames.RouteAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await page.GetByTestId("create-budget").First.ClickAsync();
        await page.GetByTestId("policy-name").FillAsync("Slow line bot cap");
        await page.GetByTestId("policy-scope").GetByText("Bot", new() { Exact = true }).ClickAsync();
        var botId = page.GetByTestId("policy-scope-id");
        await Expect(botId).ToBeVisibleAsync();

        network.Hold();
        await botId.FillAsync("slow-bot");
        await page.GetByTestId("policy-limit").ClickAsync();
        // A click that moves no focus: its re-render (the block choices) arrives after everything the server sent before it.
        await page.GetByTestId("policy-hard-limit").DispatchEventAsync("click");
        network.Release();
        await Expect(page.GetByText("Block until the period resets")).ToBeVisibleAsync();

        await page.Keyboard.TypeAsync("7");

        await Expect(botId).ToHaveValueAsync("slow-bot");
        await Expect(page.GetByTestId("policy-limit")).ToHaveValueAsync("7");
    }

    /// <summary>General settings with the server's frames held on request, and its time zone field showing UTC.</summary>
    private async Task<(IPage Page, HeldServerFrames Network, ILocator TimeZone)> OpenTimeZoneOnASlowLineAsync()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        var network = await HeldServerFrames.RouteAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings");
        var timeZone = page.GetByLabel("Time zone");
        await Expect(timeZone).ToHaveValueAsync("UTC");
        return (page, network, timeZone);
    }

    [Fact]
    public async Task TheTimeZoneField_AnsweringLate_KeepsWhatWasTypedAfterTheClick()
    {
        var (page, network, timeZone) = await OpenTimeZoneOnASlowLineAsync();

        network.Hold();
        await timeZone.ClickAsync();
        await page.Keyboard.PressAsync("End");
        foreach (var _ in "UTC")
        {
            await page.Keyboard.PressAsync("Backspace");
        }

        await page.Keyboard.TypeAsync("Europe/Ber");
        network.Release();
        // The suggestions for the typed text come after whatever the server sent about the click.
        await Expect(page.Locator(".mud-popover-open .mud-list")).ToBeVisibleAsync();

        await page.Keyboard.TypeAsync("lin");

        await Expect(timeZone).ToHaveValueAsync("Europe/Berlin");
    }

    [Fact]
    public async Task TheTimeZoneField_SelectsItsZoneWhenClicked_SoTypingSearchesAfresh_EvenOnASlowLine()
    {
        var (page, network, timeZone) = await OpenTimeZoneOnASlowLineAsync();

        network.Hold();
        await timeZone.ClickAsync();
        await page.Keyboard.TypeAsync("Asia/Tok");
        network.Release();

        await Expect(timeZone).ToHaveValueAsync("Asia/Tok");
        await Expect(page.Locator(".mud-popover-open .mud-list")).ToContainTextAsync("Asia/Tokyo");
    }
}
