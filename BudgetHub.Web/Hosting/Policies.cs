using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace BudgetHub.Web.Hosting;

/// <summary>The authorization policies: every page, endpoint and hub method names one of these.</summary>
internal static class Policies
{
    /// <summary>Any member of an account: may read.</summary>
    public const string Member = "Member";

    /// <summary>Owner, Admin or Finance: may change budgets and acknowledge alerts.</summary>
    public const string ManageBudgets = "ManageBudgets";

    /// <summary>Owner or Admin: may change members, keys, sources and settings.</summary>
    public const string ManageAccount = "ManageAccount";

    public static IServiceCollection AddBudgetHubAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Member, policy => policy.RequireClaim(AccountClaims.AccountId))
            .AddPolicy(ManageBudgets, policy => policy
                .RequireClaim(AccountClaims.AccountId)
                .RequireRole(nameof(MemberRole.Owner), nameof(MemberRole.Admin), nameof(MemberRole.Finance)))
            .AddPolicy(ManageAccount, policy => policy
                .RequireClaim(AccountClaims.AccountId)
                .RequireRole(nameof(MemberRole.Owner), nameof(MemberRole.Admin)));
        return services;
    }
}
