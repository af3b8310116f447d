using System.Net.Http.Json;

namespace BudgetHub.E2E;

/// <summary>
/// A bot, team and user id of 100+ characters (created on first sight by an event) are cut with an ellipsis,
/// the whole name in the tooltip, and every column of every table stays in view at 1024px (the navigation folded away) and 1366px; at 390px the page does not scroll sideways.
/// </summary>
public sealed class LongNameTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Bot = "CustomerSupportEscalationAssistantForEnterpriseAccountsInTheEuropeMiddleEastAndAfricaRegionVersionTwoProductionInstance1";
    private const string Team = "GlobalCustomerExperienceAndSuccessOperationsDepartmentForEnterpriseAndStrategicAccountsEMEA2026Q4xyz";
    private const string User = "UserWithAVeryLongIdentifier0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefXYZ0123";

    private static readonly string[] Pages = ["/bots", "/usage", "/budgets", "/enforcement", "/notifications", "/", BotPath];

    private static string BotPath => "/bots/" + Uri.EscapeDataString(Bot);

    [Fact]
    public async Task LongBotTeamAndUserNames_AreCutWithAnEllipsis_AndEveryColumnStaysInView()
    {
        await SendUsageFromALongNamedBotAsync();

        foreach (var (width, height, shot) in new[] { (1024, 768, "long-names-laptop"), (1366, 900, "long-names") })
        {
            var wide = await fixture.NewPageAsync(width, height);
            await BrowserFixture.SignInAsync(wide);
            foreach (var path in Pages)
            {
                await BrowserFixture.OpenAsync(wide, path);
                await ExpectTruncatedAsync(wide, Bot);
                await AssertNothingOverflowsAsync(wide, path, tablesToo: true);
                await BrowserFixture.ScreenshotAsync(wide, shot + ShotName(path));
            }
        }

        var desktop = await fixture.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(desktop);
        await BrowserFixture.OpenAsync(desktop, "/bots");
        await ExpectTruncatedAsync(desktop, Team);
        await BrowserFixture.OpenAsync(desktop, "/enforcement");
        await ExpectTruncatedAsync(desktop, User);

        var phone = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(phone);
        foreach (var path in Pages)
        {
            await BrowserFixture.OpenAsync(phone, path);
            await ExpectTruncatedAsync(phone, Bot);
            await AssertNothingOverflowsAsync(phone, path, tablesToo: false);
            await BrowserFixture.ScreenshotAsync(phone, "long-names-phone" + ShotName(path));
        }
    }

    private async Task SendUsageFromALongNamedBotAsync()
    {
        using var client = fixture.App.CreateClient();
        (await client.PostAsJsonAsync("/api/v1/policies", new
        {
            name = "Escalation assistant daily tokens",
            kind = "usage",
            scope = new { type = "bot", id = Bot },
            metric = "tokens",
            limit = 1000,
            window = new { type = "fixed", unit = "day" },
            thresholds = new[] { 80 },
            action = "block",
            notify = new { email = false, recipients = Array.Empty<string>(), inApp = true },
            enabled = true,
        })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/usage/events", new[]
        {
            new { id = "long-1", botId = Bot, team = Team, userId = User, model = "gpt-4o", inputTokens = 900 },
            new { id = "long-2", botId = Bot, team = Team, userId = User, model = "gpt-4o", inputTokens = 900 },
        })).EnsureSuccessStatusCode();
    }

    /// <summary>The name is shown, one line, visibly cut (wider than its box), and its title holds all of it.</summary>
    private static async Task ExpectTruncatedAsync(IPage page, string name)
    {
        var cell = page.Locator($".bh-truncate[title='{name}'], .bh-truncate-line[title*='{name}']").First;
        await Expect(cell).ToBeVisibleAsync();
        Assert.True(await cell.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), $"{name[..20]}… is not cut on {page.Url}");
    }

    private static async Task AssertNothingOverflowsAsync(IPage page, string path, bool tablesToo)
    {
        var pageOverflows = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(pageOverflows, $"{path} scrolls sideways at {page.ViewportSize!.Width}px");
        if (tablesToo)
        {
            var clipped = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('.mud-table-container')].filter(t => t.scrollWidth > t.clientWidth + 1).map(t => t.closest('[data-testid]')?.dataset.testid ?? 'a table')");
            Assert.True(clipped.Length == 0, $"{path}: columns out of view in {string.Join(", ", clipped)}");
        }
    }

    private static string ShotName(string path) => path == "/" ? "-overview" : path.StartsWith("/bots/", StringComparison.Ordinal) ? "-bot" : "-" + path.Trim('/');
}
