using BudgetHub.Domain.Accounts;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;

namespace BudgetHub.Web.Hosting;

/// <summary><c>/hangfire</c> is for Owners and Admins only: others are sent to sign in, or told they may not.</summary>
internal static class HangfireDashboardGate
{
    /// <summary>Hangfire itself only answers 401; people get the sign-in page or the access-denied page instead.</summary>
    public static IApplicationBuilder UseHangfireDashboardGate(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/hangfire"), gate => gate.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                await context.ChallengeAsync();
                return;
            }

            if (!HangfireDashboardAuthorization.IsOwnerOrAdmin(context))
            {
                await context.ForbidAsync();
                return;
            }

            await next(context);
        }));
}

internal sealed class HangfireDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => IsOwnerOrAdmin(context.GetHttpContext());

    internal static bool IsOwnerOrAdmin(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        && (context.User.IsInRole(nameof(MemberRole.Owner)) || context.User.IsInRole(nameof(MemberRole.Admin)));
}
