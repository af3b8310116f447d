using System.Security.Claims;
using BudgetHub.Infrastructure.Accounts;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;

namespace BudgetHub.Web.Hosting;

/// <summary>
/// <c>/hangfire</c> shows and changes the jobs of the whole installation, so it is for the Owners and Admins of
/// the operator account only (see <see cref="OperatorAccount"/>), not for whoever owns an account they registered:
/// others are sent to sign in, or told they may not.
/// </summary>
internal static class HangfireDashboardGate
{
    /// <summary>Hangfire itself only answers 401; people get the sign-in page or the access-denied page instead.</summary>
    public static IApplicationBuilder UseHangfireDashboardGate(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase), gate => gate.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                await context.ChallengeAsync();
                return;
            }

            if (!await HangfireDashboardAuthorization.IsOperatorAsync(context))
            {
                await context.ForbidAsync();
                return;
            }

            await next(context);
        }));
}

/// <summary>The dashboard's own check, behind the gate: the same rule, in case a route ever bypasses the gate.</summary>
internal sealed class HangfireDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public Task<bool> AuthorizeAsync(DashboardContext context) => IsOperatorAsync(context.GetHttpContext());

    internal static async Task<bool> IsOperatorAsync(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
        && await context.RequestServices.GetRequiredService<OperatorAccount>().IsManagedByAsync(userId, context.RequestAborted);
}
