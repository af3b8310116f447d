using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Infrastructure.Enforcement;

/// <summary>Pausing and resuming bots, and the enforcement log.</summary>
public static class EnforcementModule
{
    public static IServiceCollection AddEnforcementModule(this IServiceCollection services) => services
        .AddSingleton<BotControl>()
        .AddSingleton<EnforcementLogQueries>();
}
