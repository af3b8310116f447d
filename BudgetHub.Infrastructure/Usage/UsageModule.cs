using BudgetHub.Infrastructure.Metering;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Infrastructure.Usage;

/// <summary>Ingestion and metering: prices, the meter's writer and counters in memory, usage queries.</summary>
public static class UsageModule
{
    public static IServiceCollection AddUsageModule(this IServiceCollection services)
    {
        services.AddSingleton<PriceCatalog>();
        services.AddSingleton<CounterStore>();
        services.AddSingleton<PolicyReader>();
        services.AddSingleton<MeterStateLoader>();
        services.AddSingleton<MeterRegistry>();
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<EventCounter>();
        services.AddSingleton<CounterRecovery>();
        services.AddSingleton<ThresholdAlerts>();
        services.AddSingleton<MeterWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<MeterWriter>());
        services.AddSingleton<IUsageMeter, UsageMeter>();
        services.AddSingleton<MeterStartup>();
        services.AddScoped<MeterTidyUp>();
        services.AddSingleton<BotService>();
        services.AddSingleton<UsageQueries>();
        return services;
    }
}
