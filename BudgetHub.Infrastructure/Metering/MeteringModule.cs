using BudgetHub.Infrastructure.Usage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Infrastructure.Metering;

public static class MeteringModule
{
    public static IServiceCollection AddMeteringModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CounterStore>();
        services.AddSingleton<PolicyReader>();
        services.AddSingleton<PriceCatalog>();
        services.AddSingleton<MeterStateLoader>();
        services.AddSingleton<MeterRegistry>();
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<ThresholdAlerts>();
        services.AddSingleton<Notifications.AlertWriter>();
        services.AddSingleton<MeterWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<MeterWriter>());
        services.AddSingleton<IUsageMeter, UsageMeter>();
        services.AddSingleton<MeterStartup>();
        services.AddSingleton<Budgets.PolicyService>();
        services.AddSingleton<Enforcement.BotControl>();
        services.AddSingleton<BotService>();
        services.AddSingleton<UsageQueries>();
        services.AddSingleton<Demo.DemoDataSeeder>();
        services.AddSingleton<Enforcement.EnforcementLogQueries>();
        return services;
    }
}

/// <summary>Loads prices and every account's counters before the app reports ready.</summary>
internal sealed class MeterStartup
{
    private readonly MeterRegistry _registry;
    private readonly PriceCatalog _prices;

    public MeterStartup(MeterRegistry registry, PriceCatalog prices)
    {
        _registry = registry;
        _prices = prices;
    }

    public async Task LoadAsync(CancellationToken ct = default)
    {
        await _prices.LoadOverridesAsync(ct);
        _registry.LoadAll();
    }
}
