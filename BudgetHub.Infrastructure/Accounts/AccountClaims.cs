using System.Globalization;
using System.Security.Claims;
using BudgetHub.Domain.Accounts;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>The claims that say which account a caller acts in, and with which role.</summary>
public static class AccountClaims
{
    public const string AccountId = "bh:account";
    public const string AccountName = "bh:account_name";
    public const string ApiKeyId = "bh:api_key";
    public const string ApiKeyName = "bh:api_key_name";
    public const string ApiKeyAuthenticationType = "ApiKey";

    /// <summary>An API key's caller: an Admin of the key's account.</summary>
    public static ClaimsPrincipal ForApiKey(long keyId, long accountId, string keyName) => new(new ClaimsIdentity(
        [
            new Claim(AccountId, accountId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ApiKeyId, Domain.Common.PublicId.Format("key", keyId)),
            new Claim(ApiKeyName, keyName),
            new Claim(ClaimTypes.Role, nameof(MemberRole.Admin)),
        ],
        ApiKeyAuthenticationType));

    public static long? FindAccountId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(AccountId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The caller's account; only for code behind an authorization policy that requires it.</summary>
    public static long GetAccountId(this ClaimsPrincipal user) =>
        user.FindAccountId() ?? throw new InvalidOperationException("The caller has no account.");

    public static MemberRole? FindRole(this ClaimsPrincipal user) =>
        Enum.TryParse<MemberRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static string GetUserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue(ApiKeyId) ?? "";

    /// <summary>Who did it, for audit trails: the member's email, or the API key's name and id ("Deploy script (API key key_3)").</summary>
    public static string GetActorName(this ClaimsPrincipal user) =>
        user.FindFirstValue(ApiKeyId) is { } key ? $"{user.FindFirstValue(ApiKeyName)} (API key {key})" : user.Identity?.Name ?? "unknown";
}
