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
        await Expect(page.GetByTestId("bot-status").First).ToHaveAttributeAsync("data-paused-by", "hand");
        await Expect(page.Locator("[data-testid=resume]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ArrowsChooseTheLength_AndEnterOnTheChoicePauses()
    {
        var (page, _) = await fixture.OpenNewBotAsync("radio-enter-pause");

        await page.Locator("[data-testid=pause]").ClickAsync();
        await Expect(page.Locator(".mud-dialog input[type=text]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator(".mud-dialog input[type=radio]").Nth(1)).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=paused-alert]")).ToContainTextAsync("It resumes by itself");
    }

    [Fact]
    public async Task APauseForAnHour_ReadsAsAPause_InTheBannerAndInWhy()
    {
        var (page, _) = await fixture.OpenNewBotAsync("hour-pause");

        await page.Locator("[data-testid=pause]").ClickAsync();
        await page.Locator(".mud-dialog").GetByText("For one hour").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();

        var banner = page.Locator("[data-testid=paused-alert]");
        await Expect(banner).ToContainTextAsync("Paused by");
        await Expect(banner).Not.ToContainTextAsync("Paused. Paused");
        await page.Locator("[data-testid=why]").ClickAsync();
        var why = page.Locator(".mud-dialog");
        await Expect(why).ToContainTextAsync("The pause ends in");
        await Expect(why).Not.ToContainTextAsync("limit is raised");
        await BrowserFixture.ScreenshotAsync(page, "why-manual-pause");
    }

    [Fact]
    public async Task APauseForATimeChosen_EndsThen_AndANonsenseLengthIsRefusedInTheDialog()
    {
        var (page, _) = await fixture.OpenNewBotAsync("chosen-pause");

        await page.Locator("[data-testid=pause]").ClickAsync();
        await page.GetByTestId("pause-for-choice").ClickAsync();
        await page.GetByTestId("pause-for").FillAsync("0");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Enter how long");
        await BrowserFixture.ScreenshotAsync(page, "pause-for-a-time");

        await page.GetByTestId("pause-for").FillAsync("3");
        await page.Locator(".mud-dialog .bh-duration-unit").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("hours", new() { Exact = true }).ClickAsync();
        // The pause is asked for once the dialog shows the unit chosen, not while the list is still closing.
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-dialog .bh-duration-unit")).ToContainTextAsync("hours");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();

        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=paused-alert]")).ToContainTextAsync("It resumes by itself in 3 h");
    }

    [Fact]
    public async Task ACallBlockedByAPause_ReadsInTheEnforcementLog_AsAManualPause_ByWhomAndUntilWhen()
    {
        var (page, bot) = await fixture.OpenNewBotAsync("log-pause");
        await page.Locator("[data-testid=pause]").ClickAsync();
        await Expect(page.Locator(".mud-dialog input[type=text]")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Runaway loop");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=paused-alert]")).ToContainTextAsync("Runaway loop");
        await fixture.CreatePolicyAsync(new
        {
            name = "Daily tokens for the log", scope = new { type = "bot", id = "log-capped-bot" }, metric = "tokens", limit = 1000,
            window = new { type = "fixed", unit = "day" }, thresholds = new[] { 80 }, action = "block",
        });
        await fixture.PostEventAsync(new[]
        {
            new { id = $"{bot}-capped", botId = "log-capped-bot", inputTokens = 1200 },
            new { id = $"{bot}-held", botId = bot, inputTokens = 10 },
        });

        await BrowserFixture.OpenAsync(page, "/enforcement");

        var row = page.GetByTestId("log-table").Locator("tr", new() { HasText = bot });
        await Expect(row.GetByTestId("log-pause")).ToContainTextAsync("Manual pause");
        await Expect(row.GetByTestId("log-pause")).ToContainTextAsync($"by {AppProcess.AdminEmail} — Runaway loop");
        await Expect(row.GetByTestId("log-pause-end")).ToHaveTextAsync("Until resumed");
        await Expect(page.GetByTestId("log-table").Locator("tr", new() { HasText = "log-capped-bot" })).ToContainTextAsync("per day");
        await BrowserFixture.ScreenshotAsync(page, "enforcement-log-manual-pause");
    }
}
