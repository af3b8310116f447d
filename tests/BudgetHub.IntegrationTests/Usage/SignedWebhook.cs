using System.Globalization;
using System.Text;
using BudgetHub.Infrastructure.Accounts;

namespace BudgetHub.IntegrationTests.Usage;

/// <summary>Posts a body to a webhook source the way a Standard Webhooks sender does.</summary>
public static class SignedWebhook
{
    public static async Task<HttpResponseMessage> SendAsync(AppProcess app, string body, string source = "default",
        string secret = AppProcess.WebhookSecret, long? timestamp = null, string? signature = null, string? contentType = "application/json",
        Func<long, string>? timestampHeader = null)
    {
        using var client = app.CreateClient(apiKey: null);
        var id = $"msg_{Guid.NewGuid():N}";
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhooks/{source}") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = contentType is null ? null : new(contentType);
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestampHeader?.Invoke(ts) ?? ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature ?? StandardWebhookSignature.Sign(secret, id, ts, bytes));
        return await client.SendAsync(request);
    }
}
