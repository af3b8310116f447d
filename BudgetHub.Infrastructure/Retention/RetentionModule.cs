using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Infrastructure.Retention;

/// <summary>Retention policies' pruning of raw events, in gentle batches.</summary>
public static class RetentionModule
{
    public static IServiceCollection AddRetentionModule(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RetentionJob>();
        return services;
    }
}
