using BudgetHub.Infrastructure.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BudgetHub.Web.Components.Account;

/// <summary>Form posts that the static Identity pages and the user menu need.</summary>
internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accountGroup = endpoints.MapGroup("/Account");

        accountGroup.MapPost("/Logout", async (
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login" + (string.IsNullOrEmpty(returnUrl) ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)));
        });

        accountGroup.MapPost("/SwitchAccount", async (
            HttpContext context,
            [FromServices] UserManager<ApplicationUser> users,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromServices] MembershipService memberships,
            [FromForm] long accountId) =>
        {
            var user = await users.GetUserAsync(context.User);
            if (user is null || !await memberships.SwitchAccountAsync(user, accountId, context.RequestAborted))
            {
                return Results.LocalRedirect("~/");
            }

            await signInManager.RefreshSignInAsync(user);
            return Results.LocalRedirect("~/");
        }).RequireAuthorization();

        return accountGroup;
    }
}
