using System.Security.Claims;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetHub.Web.Features.Accounts;

internal static class AccountsEndpoints
{
    public static IServiceCollection AddAccountsWeb(this IServiceCollection services) =>
        services.AddSingleton<Microsoft.AspNetCore.Identity.IEmailSender<ApplicationUser>, Components.Account.IdentityEmailSender>();

    public static RouteGroupBuilder MapAccountsEndpoints(this RouteGroupBuilder api)
    {
        var account = api.MapGroup("/account").WithTags("Accounts");
        account.MapGet("/", GetAccount).WithName("GetAccount").RequireAuthorization(Policies.Member);
        return api;
    }

    /// <summary>The caller's account and role: a quick way to check that a key works.</summary>
    private static async Task<Results<Ok<AccountResponse>, NotFound>> GetAccount(ClaimsPrincipal user, MembershipService memberships, CancellationToken ct)
    {
        var account = await memberships.GetAccountAsync(user.GetAccountId(), ct);
        return account is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new AccountResponse(account.Name, account.TimeZone, user.FindRole()?.ToString() ?? ""));
    }

    internal sealed record AccountResponse(string Name, string TimeZone, string Role);
}
