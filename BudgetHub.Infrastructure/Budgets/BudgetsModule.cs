using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Infrastructure.Budgets;

/// <summary>Policies: budgets, tier templates and per-user overrides, with their audit.</summary>
public static class BudgetsModule
{
    public static IServiceCollection AddBudgetsModule(this IServiceCollection services) =>
        services.AddSingleton<PolicyService>();
}
