using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Infrastructure.Accounts;

public static class AccountsModule
{
    public static IServiceCollection AddAccountsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<WebhookSourceService>();
        services.AddSingleton<MembershipService>();
        services.AddSingleton<OperatorAccount>();
        services.AddScoped<AccountBootstrapper>();
        services.AddSingleton<Demo.DemoDataSeeder>();
        services.AddScoped<IUserClaimsPrincipalFactory<ApplicationUser>, AccountClaimsPrincipalFactory>();
        services.AddSingleton<SignInSessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<SignInSessionStore>((options, store) => options.SessionStore = store);
        return services;
    }
}
