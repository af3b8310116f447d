using System.Security.Claims;
using System.Security.Cryptography;
using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace BudgetHub.Web.Components.Account;

/// <summary>
/// Why a browser had to sign in again after an Owner or Admin changed its member's role or removed them. Those changes
/// renew the member's security stamp, which ends every session of theirs at its next request; the sign-in page then says why.
/// The notice rides on a short-lived, encrypted cookie set only on the response to the ended session's own request, so
/// only the browser that was signed out sees it, and only once.
/// </summary>
internal static class SignedOutNotice
{
    private const string CookieName = "BudgetHub.SignedOut";
    private const string Purpose = "BudgetHub.SignedOutNotice";
    private static readonly object ItemKey = new();

    private static readonly CookieBuilder Cookie = new()
    {
        SameSite = SameSiteMode.Lax,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromMinutes(5),
    };

    /// <summary>Runs <paramref name="validate"/> (Identity's security stamp check) and leaves the notice when it ends the session for a membership change.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context, Func<CookieValidatePrincipalContext, Task> validate)
    {
        var signedIn = context.Principal;
        await validate(context);
        if (context.Principal is not null || signedIn is null)
        {
            return;
        }

        var http = context.HttpContext;
        if (await ReasonAsync(http.RequestServices.GetRequiredService<MembershipService>(), signedIn) is { } notice)
        {
            // This request may be the sign-in page itself (an open page sent there when its session ended): it reads the item.
            http.Items[ItemKey] = notice;
            http.Response.Cookies.Append(CookieName, ProtectorOf(http).Protect(notice), Cookie.Build(http));
        }
    }

    /// <summary>The notice for this browser, if it has one; it is then forgotten.</summary>
    public static string? Take(HttpContext http)
    {
        var notice = http.Items[ItemKey] as string
            ?? (http.Request.Cookies[CookieName] is { } sealedNotice ? Unprotect(ProtectorOf(http), sealedNotice) : null);
        if (notice is not null || http.Request.Cookies.ContainsKey(CookieName))
        {
            // Also undoes the cookie that this same response may have set (when the ended session was this page's request).
            http.Response.Cookies.Delete(CookieName);
        }

        return notice;
    }

    /// <summary>What changed in the account the ended session was signed in to; null when its membership there is unchanged.</summary>
    private static async Task<string?> ReasonAsync(MembershipService memberships, ClaimsPrincipal signedIn)
    {
        if (signedIn.FindAccountId() is not { } accountId || signedIn.FindRole() is not { } roleBefore)
        {
            return null;
        }

        var account = signedIn.FindFirstValue(AccountClaims.AccountName) ?? "your account";
        var accounts = await memberships.ListAccountsOfUserAsync(signedIn.GetUserId());
        var roleNow = accounts.Where(a => a.AccountId == accountId).Select(a => (MemberRole?)a.Role).FirstOrDefault();
        return roleNow switch
        {
            null => $"An admin removed you from {account}, so you were signed out.",
            { } role when role != roleBefore => $"An admin changed your role in {account} from {roleBefore} to {role}: sign in again to continue.",
            _ => null,
        };
    }

    private static IDataProtector ProtectorOf(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private static string? Unprotect(IDataProtector protector, string sealedNotice)
    {
        try
        {
            return protector.Unprotect(sealedNotice);
        }
        catch (CryptographicException)
        {
            // Not one of ours (or from before the keys changed): say nothing rather than show text we did not write.
            return null;
        }
    }
}
