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
        services.AddSingleton<EventCounter>();
        services.AddSingleton<CounterRecovery>();
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

/// <summary>
/// Loads prices and, once the writer has recounted what a crash left uncounted, every account's counters,
/// then lifts the blocks that no longer hold, before the app reports ready.
/// </summary>
internal sealed class MeterStartup(MeterRegistry registry, PriceCatalog prices, MeterWriter writer)
{
    public async Task LoadAsync(CancellationToken ct = default)
    {
        await prices.LoadOverridesAsync(ct);
        await writer.Recovered.WaitAsync(ct);
        registry.LoadAll();
        var review = new ReviewRestoredBlocksWork();
        if (!writer.TryEnqueue(review))
        {
            throw new InvalidOperationException("The meter is not accepting work: the app is shutting down.");
        }

        await review.Done.Task.WaitAsync(ct);
    }
}
