using System.Net.Http.Json;

namespace BudgetHub.E2E;

/// <summary>The scope field suggests the bots, teams, users and tiers already seen; an open list never swallows the next click.</summary>
public sealed class ScopeSuggestionTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Save_WhileTheSuggestionListIsOpen_SavesTheBudget()
    {
        using (var client = fixture.App.CreateClient())
        {
            (await client.PostAsJsonAsync("/api/v1/usage/events", new { id = "suggest-1", botId = "support-bot", inputTokens = 10 })).EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await BrowserFixture.OpenNewBudgetAsync(page);
        await page.GetByTestId("policy-name").FillAsync("Support bot spend");
        await page.GetByTestId("policy-limit").FillAsync("25");
        await page.GetByTestId("policy-scope").GetByText("Bot", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("policy-scope-id").FillAsync("support-bot");
        await Expect(page.Locator(".mud-popover-open .mud-list")).ToContainTextAsync("support-bot");
        await BrowserFixture.ScreenshotAsync(page, "budget-dialog-suggestions-open");

        await page.GetByTestId("policy-save").ClickAsync();

        await Expect(page.GetByTestId("policy-editor")).Not.ToBeVisibleAsync();
        var row = page.GetByTestId("budgets-table").Locator("tr", new() { HasText = "Support bot spend" });
        await Expect(row).ToContainTextAsync("support-bot");
    }

    [Fact]
    public async Task Enter_InTheSuggestionList_OnlyPicksTheTeam_AndEnterInTheLimitSaves()
    {
        using (var client = fixture.App.CreateClient())
        {
            (await client.PostAsJsonAsync("/api/v1/usage/events", new { id = "suggest-team-1", botId = "team-bot", team = "support-team", inputTokens = 10 })).EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await BrowserFixture.OpenNewBudgetAsync(page);
        await page.GetByTestId("policy-name").FillAsync("Support team spend");
        await page.GetByTestId("policy-scope").GetByText("Team", new() { Exact = true }).ClickAsync();
        var scopeId = page.GetByTestId("policy-scope-id");
        await scopeId.PressSequentiallyAsync("support-");
        await Expect(page.Locator(".mud-popover-open .mud-list")).ToContainTextAsync("support-team");

        // Enter straight after a key, as a quick typist presses it: the search for that key must not reopen the list after the pick.
        await scopeId.PressAsync("t");
        await scopeId.PressAsync("Enter");

        await Expect(scopeId).ToHaveValueAsync("support-team");
        var limit = page.GetByTestId("policy-limit");
        await limit.FillAsync("30");
        await Expect(limit).ToHaveValueAsync("30");
        await Expect(page.GetByTestId("policy-editor").Locator(".mud-input-error")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "budget-dialog-team-picked-by-enter");

        await limit.PressAsync("Enter");

        await Expect(page.GetByTestId("policy-editor")).Not.ToBeVisibleAsync();
        var row = page.GetByTestId("budgets-table").Locator("tr", new() { HasText = "Support team spend" });
        await Expect(row).ToContainTextAsync("support-team");
    }

    [Fact]
    public async Task Enter_InTheLimit_Saves_WhileTheSuggestionListIsStillOpen()
    {
        using (var client = fixture.App.CreateClient())
        {
            (await client.PostAsJsonAsync("/api/v1/usage/events", new { id = "suggest-open-1", botId = "open-list-bot", inputTokens = 10 })).EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await BrowserFixture.OpenNewBudgetAsync(page);
        await page.GetByTestId("policy-name").FillAsync("Open list bot spend");
        await page.GetByTestId("policy-scope").GetByText("Bot", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("policy-scope-id").PressSequentiallyAsync("open-list-bot");
        await Expect(page.Locator(".mud-popover-open .mud-list")).ToContainTextAsync("open-list-bot");

        // The suggestion list stays open when the focus moves on; Enter in another field must still save.
        var limit = page.GetByTestId("policy-limit");
        await limit.FillAsync("12");
        await limit.PressAsync("Enter");

        await Expect(page.GetByTestId("policy-editor")).Not.ToBeVisibleAsync();
        await Expect(page.GetByTestId("budgets-table").Locator("tr", new() { HasText = "Open list bot spend" })).ToContainTextAsync("open-list-bot");
    }

    [Fact]
    public async Task TheBudgetDialogTitleIcon_FollowsTheChosenScope()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await BrowserFixture.OpenNewBudgetAsync(page);
        var titleIcon = page.GetByTestId("policy-title-icon");

        foreach (var scope in new[] { "Bot", "Team", "Tier", "User", "Organization" })
        {
            var chip = page.GetByTestId("policy-scope").Locator(".mud-chip", new() { HasText = scope });
            var scopeIcon = await chip.Locator("svg").First.InnerHTMLAsync();
            await chip.ClickAsync();
            await Expect(titleIcon).ToHaveJSPropertyAsync("innerHTML", scopeIcon);
            if (scope == "Bot")
            {
                await BrowserFixture.ScreenshotAsync(page, "budget-dialog-bot-scope-title");
            }
        }
    }

    [Fact]
    public async Task Escape_WithTheSuggestionListOpen_ClosesTheList_AndKeepsWhatWasTyped()
    {
        using (var client = fixture.App.CreateClient())
        {
            (await client.PostAsJsonAsync("/api/v1/usage/events", new { id = "suggest-escape-1", botId = "escape-bot", inputTokens = 10 })).EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await BrowserFixture.OpenNewBudgetAsync(page);
        await page.GetByTestId("policy-name").FillAsync("Typed before Escape");
        await page.GetByTestId("policy-scope").GetByText("Bot", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("policy-scope-id").FillAsync("escape");
        // The list opens on focus with every bot; Escape comes once it shows what was typed, as a person would press it.
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveTextAsync(["escape-bot"]);
        await Expect(page.GetByTestId("policy-scope-id")).ToHaveAttributeAsync("aria-expanded", "true");

        await page.Keyboard.PressAsync("Escape");

        await Expect(page.GetByTestId("policy-scope-id")).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(page.GetByTestId("policy-editor")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("policy-name")).ToHaveValueAsync("Typed before Escape");
        // The next Escape is for the dialog, which asks first: something was typed.
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("confirm-action")).ToHaveTextAsync("Discard");
    }
}
