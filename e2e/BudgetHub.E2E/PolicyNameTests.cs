using System.Net.Http.Json;
using System.Text.Json;

namespace BudgetHub.E2E;

/// <summary>No two policies share a name: the dialogs say so under the Name field, and names made for you never clash.</summary>
public sealed class PolicyNameTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task CreatePolicyAsync(object policy)
    {
        using var client = fixture.App.CreateClient();
        (await client.PostAsJsonAsync("/api/v1/policies", policy)).EnsureSuccessStatusCode();
    }

    private async Task<List<JsonElement>> PoliciesAsync()
    {
        using var client = fixture.App.CreateClient();
        var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/policies")).RootElement.Clone();
        return [.. list.GetProperty("items").EnumerateArray()];
    }

    private static ILocator FieldOf(IPage page, string testId) => page.Locator(".mud-input-control", new() { Has = page.GetByTestId(testId) });

    /// <summary>Types a tier and leaves the field, so its suggestion list, which covers the fields under it, is closed before the next click.</summary>
    private static async Task FillScopeIdAsync(IPage page, string id)
    {
        await page.GetByTestId("policy-scope-id").FillAsync(id);
        await page.GetByTestId("policy-scope-id").PressAsync("Tab");
        await Expect(page.Locator(".mud-popover-open .mud-list")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheBudgetDialog_RefusesANameAnotherPolicyHas_UnderTheNameField_AndStaysOpen()
    {
        await CreatePolicyAsync(new { name = "Org monthly spend", scope = new { type = "account" }, metric = "cost", limit = 100, window = new { type = "fixed", unit = "month" } });
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");

        await BrowserFixture.OpenNewBudgetAsync(page);
        await page.GetByTestId("policy-name").FillAsync("  org MONTHLY spend ");
        await page.GetByTestId("policy-limit").FillAsync("50");
        await page.GetByTestId("policy-save").ClickAsync();

        await Expect(FieldOf(page, "policy-name")).ToContainTextAsync("Another policy is already named \"Org monthly spend\". Choose a different name.");
        await Expect(page.GetByTestId("policy-editor")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "budget-dialog-duplicate-name");
        Assert.Single(await PoliciesAsync(), p => p.GetProperty("name").GetString()!.Equals("org monthly spend", StringComparison.OrdinalIgnoreCase));

        await page.GetByTestId("policy-name").FillAsync("Org monthly spend, second");
        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(page.GetByTestId("policy-editor")).Not.ToBeVisibleAsync();
        await Expect(page.GetByTestId("budgets-table")).ToContainTextAsync("Org monthly spend, second");
    }

    [Fact]
    public async Task TheTierTemplateDialog_RefusesADuplicateName_AndSuggestsAFreeNameWhenLeftEmpty()
    {
        await CreatePolicyAsync(new { name = "Gold tier daily", scope = new { type = "tier", id = "gold" }, metric = "cost", limit = 1, window = new { type = "fixed", unit = "day" } });
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/enforcement");

        await page.GetByTestId("tier-templates-new").ClickAsync();
        await FillScopeIdAsync(page, "gold");
        await page.GetByTestId("policy-name").FillAsync("GOLD TIER DAILY");
        await page.GetByTestId("policy-limit").FillAsync("2");
        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(FieldOf(page, "policy-name")).ToContainTextAsync("Another policy is already named");
        await BrowserFixture.ScreenshotAsync(page, "tier-template-dialog-duplicate-name");

        // Left empty, the name shown (and saved) is one no policy has, even for a second template of the same tier, metric and window.
        await page.GetByTestId("policy-name").FillAsync("");
        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(page.GetByTestId("policy-editor")).Not.ToBeVisibleAsync();
        await page.GetByTestId("tier-templates-new").ClickAsync();
        await FillScopeIdAsync(page, "gold");
        await page.GetByTestId("policy-limit").FillAsync("3");
        await Expect(page.GetByTestId("policy-name")).ToHaveAttributeAsync("placeholder", new System.Text.RegularExpressions.Regex(@"\(2\)$"));
        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(page.GetByTestId("policy-editor")).Not.ToBeVisibleAsync();

        var gold = (await PoliciesAsync()).Where(p => p.GetProperty("scope").GetProperty("id").GetString() == "gold").Select(p => p.GetProperty("name").GetString()!).ToList();
        Assert.Equal(3, gold.Count);
        Assert.Equal(3, gold.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task TheTierTemplateDialog_RefusesATierAnotherTemplateSpellsInAnotherCase_UnderTheTierField()
    {
        await CreatePolicyAsync(new { name = "Platinum daily spend", scope = new { type = "tier", id = "platinum" }, metric = "cost", limit = 5, window = new { type = "fixed", unit = "day" } });
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/enforcement");

        await page.GetByTestId("tier-templates-new").ClickAsync();
        await FillScopeIdAsync(page, "Platinum");
        await page.GetByTestId("policy-limit").FillAsync("50");
        await page.GetByTestId("policy-save").ClickAsync();

        await Expect(FieldOf(page, "policy-scope-id")).ToContainTextAsync(
            "The template \"Platinum daily spend\" already spells this tier \"platinum\". Tier labels match in any case: write \"platinum\", so the tier has one name.");
        await Expect(page.GetByTestId("policy-editor")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "tier-template-dialog-tier-spelling");

        await FillScopeIdAsync(page, "platinum");
        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(page.GetByTestId("policy-editor")).Not.ToBeVisibleAsync();
        var tiers = (await PoliciesAsync()).Select(p => p.GetProperty("scope")).Where(s => s.GetProperty("type").GetString() == "tier")
            .Select(s => s.GetProperty("id").GetString()).Where(id => id!.Equals("platinum", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(["platinum", "platinum"], tiers);
    }

    [Fact]
    public async Task BotCaps_SaveTwice_AndOnTwoBotsWhoseIdsDifferOnlyInCase_WithoutANameClash()
    {
        using (var client = fixture.App.CreateClient())
        {
            (await client.PostAsJsonAsync("/api/v1/usage/events", new[]
            {
                new { id = "caps-1", botId = "Cap-Bot", inputTokens = 10 },
                new { id = "caps-2", botId = "cap-bot", inputTokens = 10 },
            })).EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        foreach (var (bot, limits) in new[] { ("Cap-Bot", new[] { "5", "6" }), ("cap-bot", new[] { "3", "4" }) })
        {
            await BrowserFixture.OpenAsync(page, "/bots/" + bot);
            foreach (var limit in limits)
            {
                await page.GetByTestId("cap-day-cost").FillAsync(limit);
                await page.GetByTestId("cap-month-tokens").FillAsync("1000000");
                await page.GetByTestId("save-caps").ClickAsync();
                await Expect(page.GetByTestId("bot-cap-progress").Filter(new() { HasText = $"of ${limit}.00" })).ToHaveCountAsync(1);
                await Expect(page.Locator(".mud-input-error")).ToHaveCountAsync(0);
            }
        }

        await BrowserFixture.OpenAsync(page, "/bots/cap-bot");
        await Expect(page.GetByTestId("cap-day-cost")).ToHaveValueAsync("4.00");
        await BrowserFixture.ScreenshotAsync(page, "bot-caps-second-bot");
        var caps = (await PoliciesAsync()).Where(p => p.GetProperty("name").GetString()!.Contains(" cap", StringComparison.Ordinal))
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("limit").GetDecimal());
        Assert.Equal(6m, caps["Cap-Bot · daily cost cap"]);
        Assert.Equal(4m, caps["cap-bot · daily cost cap (2)"]);
        Assert.Equal(4, caps.Count);
    }

    [Fact]
    public async Task TheRetentionDialog_GivesASecondPolicyAFreeName_AndRefusesATakenOneUnderTheNameField()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings/retention");

        await page.GetByTestId("add-retention").ClickAsync();
        await page.GetByTestId("retention-save").ClickAsync();
        await Expect(page.GetByTestId("retention-editor")).Not.ToBeVisibleAsync();
        await page.GetByTestId("add-retention").ClickAsync();
        await Expect(page.GetByTestId("retention-name")).ToHaveAttributeAsync("placeholder", "Keep 30 days (2)");
        await page.GetByTestId("retention-name").FillAsync("keep 30 DAYS");
        await page.GetByTestId("retention-save").ClickAsync();

        await Expect(FieldOf(page, "retention-name")).ToContainTextAsync("Another policy is already named");
        await BrowserFixture.ScreenshotAsync(page, "retention-dialog-duplicate-name");
        await page.GetByTestId("retention-name").FillAsync("");
        await page.GetByTestId("retention-save").ClickAsync();
        await Expect(page.GetByTestId("retention-editor")).Not.ToBeVisibleAsync();
        var names = (await PoliciesAsync()).Where(p => p.GetProperty("kind").GetString() == "retention").Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Keep 30 days", "Keep 30 days (2)"], names);
    }
}
