using System.Security.Cryptography;
using System.Text;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>Random tokens and their hashes: API keys, webhook secrets, invitation links.</summary>
public static class Secrets
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string NewToken(string prefix, int length = 32) =>
        prefix + RandomNumberGenerator.GetString(Alphabet, length);

    public static string NewWebhookSecret() =>
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public static string Sha256Hex(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
