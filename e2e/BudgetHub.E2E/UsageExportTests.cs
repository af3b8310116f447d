namespace BudgetHub.E2E;

/// <summary>The Usage page's CSV export with a name selected holds that name's usage only, of its own kind.</summary>
public sealed class UsageExportTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task WithABotSelected_TheExportHoldsThatBotsRowOnly_NotATeamOrUserOfTheSameName_WhicheverTabIsOpen()
    {
        await fixture.PostEventAsync(new object[]
        {
            new { id = "twin-1", botId = "twin", team = "alpha", userId = "u-1", costUsd = 1.5m, inputTokens = 100 },
            new { id = "twin-2", botId = "helper", team = "twin", userId = "twin", costUsd = 2m, inputTokens = 200 },
            new { id = "twin-3", botId = "other", team = "twin", costUsd = 4m, inputTokens = 400 },
        });
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/usage");
        await page.GetByRole(AriaRole.Button, new() { Name = "twin", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("usage-focus")).ToContainTextAsync("Bot: twin");

        var (name, rows) = await ExportAsync(page);

        Assert.StartsWith("budgethub-usage-bot-twin-", name, StringComparison.Ordinal);
        Assert.Equal(["bot,tokens,cost_usd,calls,messages,conversations,errors,unpriced_calls", "twin,100,1.5,1,0,0,0,0", "Total,100,1.5,1,0,0,0,0"], rows);

        foreach (var tab in new[] { "Teams", "Users" })
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
            await Expect(page.GetByTestId("breakdown-table")).ToContainTextAsync("twin");

            (name, rows) = await ExportAsync(page);

            Assert.StartsWith("budgethub-usage-bot-twin-", name, StringComparison.Ordinal);
            Assert.Equal(["bot,tokens,cost_usd,calls,messages,conversations,errors,unpriced_calls", "twin,100,1.5,1,0,0,0,0", "Total,100,1.5,1,0,0,0,0"], rows);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Show all usage" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Teams" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "twin", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("usage-focus")).ToContainTextAsync("Team: twin");

        (name, rows) = await ExportAsync(page);

        Assert.StartsWith("budgethub-usage-team-twin-", name, StringComparison.Ordinal);
        Assert.Equal(["team,tokens,cost_usd,calls,messages,conversations,errors,unpriced_calls", "twin,600,6,2,0,0,0,0", "Total,600,6,2,0,0,0,0"], rows);
    }

    [Fact]
    public async Task WithNothingSelected_TheExportHoldsTheOpenTabsBreakdown()
    {
        await fixture.PostEventAsync(new object[]
        {
            new { id = "all-1", botId = "all-a", costUsd = 1m, inputTokens = 100 },
            new { id = "all-2", botId = "all-b", costUsd = 3m, inputTokens = 300 },
        });
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/usage");
        await Expect(page.GetByTestId("breakdown-table")).ToContainTextAsync("all-b");

        var (name, rows) = await ExportAsync(page);

        Assert.StartsWith("budgethub-usage-bots-", name, StringComparison.Ordinal);
        Assert.Contains("all-a,100,1,1,0,0,0,0", rows);
        Assert.Contains("all-b,300,3,1,0,0,0,0", rows);
    }

    /// <summary>Clicks Export CSV and reads the file: its name and the breakdown's lines (up to the blank line before the series).</summary>
    private static async Task<(string Name, string[] Breakdown)> ExportAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var text = await File.ReadAllTextAsync(await download.PathAsync());
        return (download.SuggestedFilename, text.Split(Environment.NewLine).TakeWhile(line => line.Length > 0).ToArray());
    }
}
