using System.Net;
using System.Net.Sockets;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>
/// Connects outgoing webhooks to public addresses only. The check is made on the address actually
/// connected to, so a name that resolves to something else the second time (DNS rebinding) cannot
/// slip past it; and redirects are not followed, so a public URL cannot send us to an internal one.
/// </summary>
internal static class PublicAddressGuard
{
    public static SocketsHttpHandler Handler(bool allowPrivateTargets) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false, // a proxy would make the connection, past the check
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowPrivateTargets, ct),
    };

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint target, bool allowPrivateTargets, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(target.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(target.Host, ct);
        if (!allowPrivateTargets && (addresses.Length == 0 || addresses.Any(IsPrivate)))
        {
            throw new WebhookRefusedException($"{target.Host} is a private or loopback address; outgoing webhooks go to public addresses only.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, target.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool IsPrivate(IPAddress address)
    {
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal)
        {
            return true;
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return (address.IsIPv4MappedToIPv6 && IsPrivate(address.MapToIPv4())) || (IsNat64(address, out var embedded) && IsPrivate(embedded));
        }

        var b = address.GetAddressBytes();
        return b[0] is 10 or 127 or 0 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }

    /// <summary>64:ff9b::/96 (RFC 6052): a NAT64 gateway connects to the IPv4 address in the last four bytes.</summary>
    private static bool IsNat64(IPAddress address, out IPAddress embedded)
    {
        var b = address.GetAddressBytes();
        embedded = new IPAddress(b.AsSpan(12));
        return b.AsSpan(0, 12).SequenceEqual(Nat64Prefix);
    }

    private static ReadOnlySpan<byte> Nat64Prefix => [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
}
