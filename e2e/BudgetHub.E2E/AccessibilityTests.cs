namespace BudgetHub.E2E;

/// <summary>What a screen reader says and what a keyboard user sees: named controls, a visible focus, read-only fields that look it.</summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>The style of the outlined border around the field that holds <paramref name="inField"/>.</summary>
    private static Task<string> BorderAsync(ILocator inField, string property) => inField.EvaluateAsync<string>(
        $"e => getComputedStyle(e.closest('.mud-input-control').querySelector('.mud-input-outlined-border'))['{property}']");

    private static Task<string> OutlineAsync(ILocator element) =>
        element.EvaluateAsync<string>("e => { const s = getComputedStyle(e); return `${s.outlineStyle} ${s.outlineWidth}`; }");

    [Fact]
    public async Task MemberRoleSelects_AreNamedAfterTheirMember_AndARowStaysInPlaceWhenItsRoleChanges()
    {
        await fixture.AddMemberAsync("ann@example.org", "Viewer");
        await fixture.AddMemberAsync("bob@example.org", "Finance");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings/members");
        var rows = page.GetByTestId("members-table").Locator("tbody tr");
        await Expect(rows.Filter(new() { HasText = "bob@example.org" })).ToHaveCountAsync(1);
        var before = await rows.AllInnerTextsAsync();

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Role of ann@example.org" }).ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Admin", new() { Exact = true }).ClickAsync();

        await Expect(page.GetByText("ann@example.org is now Admin.")).ToBeVisibleAsync();
        var after = await rows.AllInnerTextsAsync();
        Assert.Equal(before.Select(r => r.Split('\t', '\n')[1]), after.Select(r => r.Split('\t', '\n')[1]));
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Role of ann@example.org" })).ToContainTextAsync("Admin");
    }

    [Fact]
    public async Task EachAlertsCheckbox_IsNamedAfterItsAlert()
    {
        await fixture.CreatePolicyAsync(new
        {
            name = "Named alert budget", scope = new { type = "bot", id = "named-alert-bot" }, metric = "tokens", limit = 1000,
            window = new { type = "fixed", unit = "day" }, thresholds = new[] { 50 }, action = "warn",
        });
        await fixture.PostEventAsync(new { id = "named-alert-1", botId = "named-alert-bot", inputTokens = 600 });
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/notifications");

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select alert Named alert budget, bot named-alert-bot, reached 50%" }).CheckAsync();

        await Expect(page.GetByTestId("ack-selected")).ToHaveTextAsync("Acknowledge selected (1)");
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Select row" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select every alert shown" }).FocusAsync();
        await BrowserFixture.ScreenshotAsync(page, "notifications-selection");
    }

    [Fact]
    public async Task KeyboardFocus_ShowsAClearRing_OnButtonsSwitchesAndFields()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        var create = page.GetByTestId("create-budget").First;
        await create.FocusAsync();
        Assert.Equal("solid 2px", await OutlineAsync(create));
        await BrowserFixture.ScreenshotAsync(page, "focus-create-budget");

        await BrowserFixture.OpenAsync(page, "/notifications/preferences");
        var digest = page.GetByTestId("digest");
        await digest.FocusAsync();
        Assert.Equal("solid 2px", await OutlineAsync(digest.Locator("xpath=ancestor::*[contains(@class, 'mud-switch-base')][1]")));
        await BrowserFixture.ScreenshotAsync(page, "focus-switch");

        await BrowserFixture.OpenAsync(page, "/notifications");
        await page.GetByTestId("bot-filter").FocusAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        var severity = page.GetByRole(AriaRole.Combobox, new() { Name = "Severity" });
        await Expect(severity).ToBeFocusedAsync();
        Assert.NotEqual("none", await BorderAsync(severity, "boxShadow"));
        await BrowserFixture.ScreenshotAsync(page, "focus-select");
    }

    [Fact]
    public async Task AViewersFieldsOnABotPage_LookReadOnly_WithALockHint()
    {
        await fixture.PostEventAsync(new { id = "viewer-bot-1", botId = "viewer-bot", inputTokens = 10 });
        await fixture.AddMemberAsync("bot-viewer@example.org", "Viewer");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "bot-viewer@example.org", BrowserFixture.MemberPassword);
        await BrowserFixture.OpenAsync(page, "/bots/viewer-bot");

        await Expect(page.GetByTestId("read-only-hint")).ToContainTextAsync("Read only");
        var cap = page.Locator(".bh-readonly input").First;
        await Expect(cap).ToHaveAttributeAsync("readonly", "");
        Assert.Equal("dashed", await BorderAsync(cap, "borderTopStyle"));
        await BrowserFixture.ScreenshotAsync(page, "bot-viewer-caps");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Settings" }).ClickAsync();
        var name = page.GetByRole(AriaRole.Textbox, new() { Name = "Display name" });
        await Expect(name).ToHaveAttributeAsync("readonly", "");
        Assert.Equal("dashed", await BorderAsync(name, "borderTopStyle"));
        await BrowserFixture.ScreenshotAsync(page, "bot-viewer-settings");
    }

    [Fact]
    public async Task ThePreferencesPage_LightsNotificationsInTheNav_AndItsFormerAddressLeadsThere()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings/notification-preferences");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/notifications/preferences$"));
        var nav = page.Locator(".mud-navmenu");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Notifications" })).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bactive\b"));
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Settings" })).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bactive\b"));
    }
}
