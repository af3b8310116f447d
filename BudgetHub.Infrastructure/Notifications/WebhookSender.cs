using System.Net;
using System.Net.Sockets;
using System.Text;
using BudgetHub.Infrastructure.Accounts;
using Microsoft.Extensions.Options;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>Posts an outgoing webhook signed with Standard Webhooks; refuses private networks unless allowed.</summary>
public sealed class WebhookSender(HttpClient http, IOptions<NotificationOptions> options, TimeProvider clock)
{
    public async Task SendAsync(string url, string messageId, string payload, string secret, CancellationToken ct)
    {
        var target = new Uri(url);
        if (!options.Value.AllowPrivateWebhookTargets && await IsPrivateAsync(target, ct))
        {
            throw new WebhookRefusedException($"{target.Host} is a private or loopback address; outgoing webhooks go to public addresses only.");
        }

        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var body = Encoding.UTF8.GetBytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(secret, messageId, timestamp, body));
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<bool> IsPrivateAsync(Uri target, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(target.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(target.Host, ct);
        return addresses.Length == 0 || addresses.Any(IsPrivate);
    }

    private static bool IsPrivate(IPAddress address)
    {
        if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal)
        {
            return true;
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return address.IsIPv4MappedToIPv6 && IsPrivate(address.MapToIPv4());
        }

        var b = address.GetAddressBytes();
        return b[0] is 10 or 127 or 0 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }
}

/// <summary>A webhook that must not be sent at all (no retry helps).</summary>
public sealed class WebhookRefusedException(string message) : Exception(message);
