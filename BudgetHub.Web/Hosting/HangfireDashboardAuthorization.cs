using BudgetHub.Domain.Accounts;
using Hangfire.Dashboard;

namespace BudgetHub.Web.Hosting;

/// <summary><c>/hangfire</c> is for Owners and Admins only.</summary>
internal sealed class HangfireDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true
            && (user.IsInRole(nameof(MemberRole.Owner)) || user.IsInRole(nameof(MemberRole.Admin)));
    }
}
