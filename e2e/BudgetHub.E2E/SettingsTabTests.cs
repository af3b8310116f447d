using System.Text.RegularExpressions;

namespace BudgetHub.E2E;

/// <summary>The Settings tab lives in the URL: an unknown one is not found, a chosen one survives a reload.</summary>
public sealed class SettingsTabTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnUnknownSettingsTab_ShowsTheNotFoundPage_OnFirstLoadAndInTheApp()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);

        var response = await page.GotoAsync("/settings/nosuch");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByText("Page not found")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-tabs")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "settings-unknown-tab");

        await BrowserFixture.OpenAsync(page, "/settings");
        await Expect(page.Locator(".mud-tab-active")).ToContainTextAsync("General");
        await page.EvaluateAsync("() => Blazor.navigateTo('/settings/billing')");
        await Expect(page.GetByText("Page not found")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-tabs")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheChosenSettingsTab_GoesInTheUrl_AndSurvivesAReload()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings");

        await page.Locator(".mud-tab", new() { HasText = "API keys" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/settings/api-keys$"));
        await page.ReloadAsync();
        await page.Locator("[data-bh-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator(".mud-tab-active")).ToContainTextAsync("API keys");

        await BrowserFixture.OpenAsync(page, "/settings/Members");
        await Expect(page.Locator(".mud-tab-active")).ToContainTextAsync("Members");
    }

    [Fact]
    public async Task EnterInTheAccountName_SavesIt()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings");
        var name = page.GetByLabel("Account name");
        var current = await name.InputValueAsync();

        await name.FillAsync(current);
        await name.PressAsync("Enter");

        await Expect(page.GetByText("Settings saved.")).ToBeVisibleAsync();
    }
}
