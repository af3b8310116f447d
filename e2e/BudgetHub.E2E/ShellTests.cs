namespace BudgetHub.E2E;

public sealed class ShellTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly (string Link, string Heading, string Screenshot)[] Pages =
    [
        ("Overview", "Overview", "overview"),
        ("Usage", "Usage", "usage"),
        ("Budgets", "Budgets", "budgets"),
        ("Enforcement", "Enforcement", "enforcement"),
        ("Notifications", "Notifications", "notifications"),
        ("Bots", "Bots", "bots"),
        ("Settings", "Settings", "settings"),
    ];

    [Fact]
    public async Task ANewUser_Registers_VisitsEveryPage_SignsOut_AndTheOwnerSignsIn()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await BrowserFixture.ScreenshotAsync(page, "sign-in");

        await page.GetByText("Create an account").ClickAsync();
        await page.FillAsync("#Input\\.AccountName", "Playwright Labs");
        await page.FillAsync("#Input\\.DisplayName", "Pat Wright");
        await page.FillAsync("#Input\\.Email", "pat@playwright.example");
        await page.FillAsync("#Input\\.Password", "a long enough password");
        await page.FillAsync("#Input\\.ConfirmPassword", "a long enough password");
        await BrowserFixture.ScreenshotAsync(page, "register");
        await page.ClickAsync("button[type=submit]");

        await Expect(page.GetByTestId("account-name")).ToContainTextAsync("Playwright Labs");
        foreach (var (link, heading, screenshot) in Pages)
        {
            await page.Locator(".mud-navmenu").GetByText(link, new() { Exact = true }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await BrowserFixture.ScreenshotAsync(page, screenshot);
        }

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));

        await BrowserFixture.SignInAsync(page);
        await Expect(page.GetByTestId("account-name")).ToContainTextAsync("Test Co");
    }

    [Fact]
    public async Task TheOverview_FitsAPhone()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page);

        await Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        await BrowserFixture.ScreenshotAsync(page, "overview-phone");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways at phone width");
    }

    [Fact]
    public async Task TheAccountName_ShowsInThePhoneHeader_BesideItsButtons()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page);

        var chip = page.GetByTestId("account-name");
        await Expect(chip).ToBeVisibleAsync();
        await Expect(chip).ToContainTextAsync("Test Co");
        await BrowserFixture.ScreenshotAsync(page, "account-name-phone");
        var chipRight = await chip.EvaluateAsync<double>("e => e.getBoundingClientRect().right");
        var buttonsLeft = await page.GetByLabel("Toggle dark mode").EvaluateAsync<double>("e => e.getBoundingClientRect().left");
        Assert.True(chipRight <= buttonsLeft, $"the account name ends at {chipRight}px, over the buttons from {buttonsLeft}px");
    }
}
