using System.Security.Cryptography;
using System.Text;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>
/// Standard Webhooks signatures: HMAC-SHA256 over <c>{id}.{timestamp}.{raw body}</c>, keyed with the
/// bytes behind a <c>whsec_</c> secret, sent as space-separated <c>v1,&lt;base64&gt;</c> values.
/// </summary>
public static class StandardWebhookSignature
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, string messageId, long timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(Compute(KeyOf(secret), messageId, timestamp, body));

    /// <summary>True when one of the <c>v1</c> signatures matches one of the secrets (constant-time).</summary>
    public static bool Verify(IEnumerable<string> secrets, string messageId, long timestamp, ReadOnlySpan<byte> body, string signatureHeader)
    {
        var candidates = signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Select(s => TryDecode(s[3..]))
            .Where(s => s is not null)
            .ToList();
        var matched = false;
        foreach (var secret in secrets)
        {
            if (KeyOf(secret) is not { } key)
            {
                continue;
            }

            var expected = Compute(key, messageId, timestamp, body);
            foreach (var candidate in candidates)
            {
                matched |= CryptographicOperations.FixedTimeEquals(expected, candidate);
            }
        }

        return matched;
    }

    public static bool IsFresh(long timestamp, DateTimeOffset now) =>
        Math.Abs(now.ToUnixTimeSeconds() - timestamp) <= Tolerance.TotalSeconds;

    private static byte[] Compute(byte[]? key, string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        var prefix = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, message);
    }

    private static byte[]? KeyOf(string secret) =>
        TryDecode(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);

    private static byte[]? TryDecode(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }
}
