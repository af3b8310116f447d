namespace BudgetHub.E2E;

public sealed class BotCapTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AFractionOfATokenCap_IsShownAsTyped_AndRefused_NotRoundedAndSaved()
    {
        var (page, bot) = await fixture.OpenNewBotAsync("fraction");

        await page.GetByTestId("cap-day-tokens").FillAsync("1.5");
        await page.GetByTestId("cap-day-tokens").PressAsync("Tab");
        await Expect(page.GetByTestId("cap-day-tokens")).ToHaveValueAsync("1.5");
        await page.GetByTestId("save-caps").ClickAsync();

        await Expect(page.GetByText("A whole number of tokens, 0 or more.")).ToBeVisibleAsync();
        await BrowserFixture.OpenAsync(page, $"/bots/{bot}");
        await Expect(page.GetByTestId("cap-day-tokens")).ToHaveValueAsync("0");
    }

    [Fact]
    public async Task EnterInACapField_SavesTheCaps()
    {
        var (page, _) = await fixture.OpenNewBotAsync("enter-cap");

        await page.GetByTestId("cap-month-tokens").FillAsync("50000");
        await page.GetByTestId("cap-month-tokens").PressAsync("Enter");

        await Expect(page.GetByText("Caps saved.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("bot-cap-progress")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TextThatIsNotANumber_IsRefused_AndTheSavedCapStays()
    {
        var (page, bot) = await fixture.OpenNewBotAsync("not-a-number");
        await page.GetByTestId("cap-day-tokens").FillAsync("1500");
        await page.GetByTestId("cap-day-tokens").PressAsync("Enter");
        await Expect(page.GetByText("Caps saved.")).ToBeVisibleAsync();
        await BrowserFixture.OpenAsync(page, $"/bots/{bot}");

        await page.GetByTestId("cap-day-tokens").FillAsync("2000 tokens");
        await page.GetByTestId("cap-day-tokens").PressAsync("Tab");
        await page.GetByTestId("save-caps").ClickAsync();

        await Expect(page.GetByText("Type a number in digits, e.g. 1500, or 0 for no cap.")).ToBeVisibleAsync();
        await BrowserFixture.OpenAsync(page, $"/bots/{bot}");
        await Expect(page.GetByTestId("cap-day-tokens")).ToHaveValueAsync("1,500");
    }

    [Fact]
    public async Task ACap_PausesUntilSomeoneResumes_UnlessTheResetIsChosen()
    {
        var (page, bot) = await fixture.OpenNewBotAsync("pause-mode");
        await Expect(page.GetByTestId("cap-pause-mode").GetByRole(AriaRole.Radio, new() { Name = "until someone resumes it" })).ToBeCheckedAsync();

        await page.GetByTestId("cap-day-cost").FillAsync("5");
        await page.GetByText("until the day or month resets").ClickAsync();
        await page.GetByTestId("save-caps").ClickAsync();
        await Expect(page.GetByText("Caps saved.")).ToBeVisibleAsync();

        await BrowserFixture.OpenAsync(page, $"/bots/{bot}");
        await Expect(page.GetByTestId("cap-pause-mode").GetByRole(AriaRole.Radio, new() { Name = "until the day or month resets" })).ToBeCheckedAsync();
        await BrowserFixture.ScreenshotAsync(page, "bot-caps-pause-mode");
    }
}
