namespace BudgetHub.E2E;

/// <summary>The pause dialog is done from the keyboard: type the reason, press Enter.</summary>
public sealed class PauseDialogTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task EnterInTheReason_PausesTheBotWithThatReason()
    {
        var (page, _) = await fixture.OpenNewBotAsync("enter-pause");

        await page.Locator("[data-testid=pause]").ClickAsync();
        await Expect(page.Locator(".mud-dialog input[type=text]")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Runaway loop");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=paused-alert]")).ToContainTextAsync("Runaway loop");
        await Expect(page.Locator("[data-testid=resume]")).ToBeVisibleAsync();
    }
}
