using System.Text;
using BudgetHub.Infrastructure.Accounts;

namespace BudgetHub.E2E;

public sealed class LiveUsageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task PostSignedAsync(string body)
    {
        using var client = fixture.App.CreateClient(apiKey: null);
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
