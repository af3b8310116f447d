using System.Net;
using System.Runtime.ExceptionServices;
using System.Text;
using BudgetHub.Infrastructure.Accounts;
using Microsoft.Extensions.Options;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>
/// Posts an outgoing webhook signed with Standard Webhooks. Its HttpClient connects through
/// <see cref="PublicAddressGuard"/>: public addresses only (unless allowed), no redirects. A target that
/// does not answer within <see cref="NotificationOptions.WebhookTimeoutSeconds"/> by the app's clock fails the attempt.
/// </summary>
public sealed class WebhookSender(HttpClient http, TimeProvider clock, IOptions<NotificationOptions> options)
{
    public async Task SendAsync(string url, string messageId, string payload, string secret, CancellationToken ct)
    {
        var target = new Uri(url);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var body = Encoding.UTF8.GetBytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(secret, messageId, timestamp, body));
        var seconds = options.Value.WebhookTimeoutSeconds;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds), clock);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            using var response = await http.SendAsync(request, sending.Token);
            if (response.StatusCode is >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest)
            {
                throw new HttpRequestException($"{target} answered {(int)response.StatusCode} to {response.Headers.Location}; outgoing webhooks do not follow redirects, so give the final address.");
            }

            response.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookRefusedException refused)
        {
            // The guard refuses while connecting, so its refusal arrives wrapped as a connection error.
            ExceptionDispatchInfo.Throw(refused);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{target} did not answer within {seconds} seconds.");
        }
    }
}

/// <summary>A webhook that must not be sent at all (no retry helps).</summary>
public sealed class WebhookRefusedException(string message) : Exception(message);
