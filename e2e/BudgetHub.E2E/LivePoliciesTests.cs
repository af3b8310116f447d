using System.Net.Http.Json;
using System.Text;

namespace BudgetHub.E2E;

/// <summary>
/// A budget created, changed or deleted elsewhere (the API, another tab) reaches the open pages without a reload:
/// the Budgets list, and a paused bot's banner and caps. Another account's pages hear nothing of it.
/// </summary>
public sealed class LivePoliciesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static object DailyTokens(string name, string bot, long limit, string action = "warn") => new
    {
        name, scope = new { type = "bot", id = bot }, metric = "tokens", limit,
        window = new { type = "fixed", unit = "day" }, thresholds = new[] { 80, 95 }, action,
    };

    private async Task<string> CreateAsync(object policy)
    {
        using var client = fixture.App.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/policies", policy);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task ChangeAsync(string id, object policy)
    {
        using var client = fixture.App.CreateClient();
        (await client.PutAsJsonAsync($"/api/v1/policies/{id}", policy)).EnsureSuccessStatusCode();
    }

    private async Task DeleteAsync(string id)
    {
        using var client = fixture.App.CreateClient();
        (await client.DeleteAsync($"/api/v1/policies/{id}")).EnsureSuccessStatusCode();
    }

    private static ILocator RowOf(IPage page, string name) => page.GetByTestId("budgets-table").Locator("tr", new() { HasText = name });

    [Fact]
    public async Task ABudgetCreatedThroughTheApi_AppearsOnTheOpenBudgetsPage_ChangesAndLeaves_WithoutAReload()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        await Expect(page.GetByText("No budgets yet")).ToBeVisibleAsync();
        var url = page.Url;

        var id = await CreateAsync(DailyTokens("Support bot tokens", "live-list-bot", 5000));

        await Expect(RowOf(page, "Support bot tokens")).ToContainTextAsync("5,000 tokens");
        await Expect(page.GetByTestId("stat-enabled")).ToContainTextAsync("1 of 1");
        await BrowserFixture.ScreenshotAsync(page, "live-budgets-created");

        await ChangeAsync(id, DailyTokens("Support bot tokens (raised)", "live-list-bot", 8000));

        await Expect(RowOf(page, "Support bot tokens (raised)")).ToContainTextAsync("8,000 tokens");

        await DeleteAsync(id);

        await Expect(page.GetByTestId("budgets-table")).ToHaveCountAsync(0);
        await Expect(page.GetByText("No budgets yet")).ToBeVisibleAsync();
        Assert.Equal(url, page.Url);
        await BrowserFixture.ScreenshotAsync(page, "live-budgets-deleted");
    }

    [Fact]
    public async Task APausedBotsBanner_ShowsItsBudgetRenamedAndItsNewLimit_AndGoesWhenTheBudgetIsDeleted()
    {
        const string bot = "live-banner-bot";
        var id = await CreateAsync(DailyTokens("Banner bot daily cap", bot, 100, action: "block"));
        await fixture.PostEventAsync(new { id = "live-banner-1", botId = bot, inputTokens = 150 });
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, $"/bots/{bot}");
        var banner = page.GetByTestId("paused-alert");
        await Expect(banner).ToContainTextAsync("Banner bot daily cap: 150 tokens of 100 tokens today");
        await Expect(page.GetByTestId("cap-day-tokens")).ToHaveValueAsync("100");
        // Typed but not saved: a change made elsewhere leaves it as typed.
        await page.GetByTestId("cap-month-tokens").FillAsync("90000");

        await ChangeAsync(id, DailyTokens("Research agent tokens", bot, 120, action: "block"));

        await Expect(banner).ToContainTextAsync("Research agent tokens: 150 tokens of 120 tokens today");
        await Expect(banner).Not.ToContainTextAsync("Banner bot daily cap");
        await Expect(page.GetByTestId("cap-day-tokens")).ToHaveValueAsync("120");
        await Expect(page.GetByTestId("cap-month-tokens")).ToHaveValueAsync("90,000");
        await Expect(page.GetByTestId("bot-cap-progress")).ToContainTextAsync("Research agent tokens");
        await BrowserFixture.ScreenshotAsync(page, "live-banner-renamed");

        await DeleteAsync(id);

        await Expect(banner).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("bot-status")).ToHaveTextAsync("Active");
        await Expect(page.GetByTestId("cap-day-tokens")).ToHaveValueAsync("0");
        await BrowserFixture.ScreenshotAsync(page, "live-banner-deleted");
    }

    [Fact]
    public async Task AnotherAccountsBudgetsPage_GetsNothing_WhenThisAccountsBudgetsChange()
    {
        const string otherEmail = "other-tenant@example.com";
        const string otherPassword = "other tenant password";
        using var other = new BrowserlessSession(fixture.App.BaseAddress);
        await other.RegisterAsync("Other Tenant Co", otherEmail, otherPassword);
        // Made before the page opens: the live updates a change sends its own account (the save's, then the meter's
        // when it has taken the policy in, which a busy host may send seconds apart) cannot reach the page later.
        (await other.Client.PostAsJsonAsync("/api/v1/policies", DailyTokens("Other tenant's first budget", "other-bot", 1000))).EnsureSuccessStatusCode();
        var otherPage = await fixture.NewPageAsync();
        var renders = RenderBatches.Record(otherPage);
        await BrowserFixture.SignInAsync(otherPage, otherEmail, otherPassword);
        await BrowserFixture.OpenAsync(otherPage, "/budgets");
        await Expect(RowOf(otherPage, "Other tenant's first budget")).ToBeVisibleAsync();
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/budgets");
        var before = renders.Count;

        var id = await CreateAsync(DailyTokens("This tenant's live budget", "tenant-bot", 2000));
        await Expect(RowOf(page, "This tenant's live budget")).ToBeVisibleAsync();
        await ChangeAsync(id, DailyTokens("This tenant's live budget, renamed", "tenant-bot", 3000));
        await Expect(RowOf(page, "This tenant's live budget, renamed")).ToBeVisibleAsync();
        await DeleteAsync(id);
        await Expect(RowOf(page, "This tenant's live budget, renamed")).ToHaveCountAsync(0);
        // Sent after all of this account's changes: had any of them reached the other page, it would have come first.
        (await other.Client.PostAsJsonAsync("/api/v1/policies", DailyTokens("Other tenant's second budget", "other-bot-2", 1000))).EnsureSuccessStatusCode();
        await Expect(RowOf(otherPage, "Other tenant's second budget")).ToBeVisibleAsync();

        Assert.True(renders.At(before).Contains("Other tenant's second budget", StringComparison.Ordinal),
            "The other account's page was refreshed before its own budget came in: this account's changes reached it.");
        await Expect(otherPage.GetByText("This tenant's live budget")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(otherPage, "live-budgets-other-tenant");
    }

    /// <summary>The render batches the server sends a page's Blazor circuit, in order, as the text their bytes hold.</summary>
    private sealed class RenderBatches
    {
        private readonly Lock _gate = new();
        private readonly List<string> _batches = [];

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _batches.Count;
                }
            }
        }

        public static RenderBatches Record(IPage page)
        {
            var batches = new RenderBatches();
            page.WebSocket += (_, socket) =>
            {
                if (socket.Url.Contains("/_blazor", StringComparison.Ordinal))
                {
                    socket.FrameReceived += (_, frame) => batches.Add(frame.Binary is { } binary ? Encoding.UTF8.GetString(binary) : frame.Text ?? "");
                }
            };
            return batches;
        }

        public string At(int index)
        {
            lock (_gate)
            {
                return _batches[index];
            }
        }

        private void Add(string frame)
        {
            if (!frame.Contains("JS.RenderBatch", StringComparison.Ordinal))
            {
                return;
            }

            lock (_gate)
            {
                _batches.Add(frame);
            }
        }
    }
}
