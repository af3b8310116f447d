namespace BudgetHub.E2E;

/// <summary>When a dialog or menu closes, the focus goes back to the button that opened it (or the one now in its place), not to the page.</summary>
public sealed class FocusReturnTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AfterPausingAndResuming_TheFocusIsOnTheButtonThatTookThePlaceOfTheOneUsed()
    {
        var (page, _) = await fixture.OpenNewBotAsync("focus-pause");

        await page.GetByTestId("pause").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".mud-dialog input[type=text]")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Runaway loop");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("resume")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("confirm-action")).ToBeVisibleAsync();
        await page.GetByTestId("confirm-action").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("pause")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task CancellingThePauseDialog_PutsTheFocusBackOnPause()
    {
        var (page, _) = await fixture.OpenNewBotAsync("focus-cancel");

        await page.GetByTestId("pause").ClickAsync();
        await Expect(page.Locator(".mud-dialog input[type=text]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");

        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("pause")).ToBeFocusedAsync();
    }

    [Theory]
    [InlineData("keyboard")]
    [InlineData("mouse")]
    public async Task EscapeOnTheBellMenu_ClosesIt_AndPutsTheFocusBackOnTheBell(string openedWith)
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/bots");
        var bell = page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Notifications, ") });

        if (openedWith == "mouse")
        {
            await bell.ClickAsync();
        }
        else
        {
            await bell.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
        }

        var menu = page.Locator(".bh-bell-list");
        await Expect(menu).ToBeVisibleAsync();
        if (openedWith == "keyboard")
        {
            // As in a menu button, the keyboard takes the focus to the first item.
            await Expect(menu.Locator(".mud-menu-item").First).ToBeFocusedAsync();
        }
        await page.Keyboard.PressAsync("Escape");

        await Expect(menu).ToBeHiddenAsync();
        await Expect(bell).ToBeFocusedAsync();
    }
}
