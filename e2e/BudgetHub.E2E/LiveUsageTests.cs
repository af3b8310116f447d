using System.Text;
using BudgetHub.Infrastructure.Accounts;

namespace BudgetHub.E2E;

public sealed class LiveUsageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private Task PostSignedAsync(string body) => SignedWebhook.PostAsync(fixture.App, body);

    [Fact]
    public async Task TheUsagePage_ChangesWithoutAReload_WhenEventsArriveByWebhook()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await PostSignedAsync("""{"id":"live-0","botId":"live-bot","model":"gpt-4o","inputTokens":1000,"outputTokens":500}""");
        await BrowserFixture.OpenAsync(page, "/usage");
        var tokens = page.GetByTestId("tokens-today-value");
        var cost = page.GetByTestId("cost-today-value");
        await Expect(tokens).ToHaveTextAsync("1,500");
        await Expect(page.GetByTestId("usage-chart")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "usage-live-before");
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        await PostSignedAsync("""[{"id":"live-1","botId":"live-bot","model":"gpt-4o","inputTokens":100000,"outputTokens":20000},{"id":"live-2","botId":"other-bot","model":"claude-sonnet-4","inputTokens":30000,"outputTokens":8500}]""");

        await Expect(tokens).ToHaveTextAsync("160K");
        await Expect(cost).Not.ToHaveTextAsync("$0.01");
        await Expect(page.GetByTestId("breakdown-table")).ToContainTextAsync("other-bot");
        Assert.Equal(0, navigations);
        await BrowserFixture.ScreenshotAsync(page, "usage-live-after");
    }
}

/// <summary>The Usage page narrowed to one bot: its own cards and chart, still live.</summary>
public sealed class UsageFocusTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SelectingABot_ShowsOnlyItsUsage_LiveUntilCleared()
    {
        await SignedWebhook.PostAsync(fixture.App, """[{"id":"focus-1","botId":"focus-a","inputTokens":1000,"outputTokens":500},{"id":"focus-2","botId":"focus-b","inputTokens":30000,"outputTokens":8500}]""");
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/usage");
        var tokens = page.GetByTestId("tokens-today-value");
        await Expect(tokens).ToHaveTextAsync("40K");

        await page.GetByRole(AriaRole.Button, new() { Name = "focus-b", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("usage-focus")).ToContainTextAsync("focus-b");
        await Expect(tokens).ToHaveTextAsync("38.5K");
        await Expect(page.GetByTestId("chart-title")).ToContainTextAsync("per day · bot focus-b");
        await Expect(page.GetByTestId("no-priced-usage")).ToBeVisibleAsync();
        await SignedWebhook.PostAsync(fixture.App, """{"id":"focus-3","botId":"focus-b","inputTokens":1500}""");
        await Expect(tokens).ToHaveTextAsync("40K");
        await BrowserFixture.ScreenshotAsync(page, "usage-focus-bot");

        await page.GetByRole(AriaRole.Button, new() { Name = "Show all usage" }).ClickAsync();

        await Expect(page.GetByTestId("usage-focus")).ToHaveCountAsync(0);
        await Expect(tokens).ToHaveTextAsync("41.5K");
    }
}

internal static class SignedWebhook
{
    /// <summary>Posts a body to the default webhook source, signed as Standard Webhooks says.</summary>
    public static async Task PostAsync(AppProcess app, string body)
    {
        using var client = app.CreateClient(apiKey: null);
        var id = $"msg_{Guid.NewGuid():N}";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/default") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(AppProcess.WebhookSecret, id, timestamp, bytes));
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
