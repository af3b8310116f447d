using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Demo;
using BudgetHub.Infrastructure.Metering;
using Microsoft.Extensions.Options;

namespace BudgetHub.Web.Hosting;

/// <summary>
/// After the host starts: loads prices and every account's counters from the database, seeds the
/// demo account when asked, then reports ready (<c>/health</c> 200).
/// </summary>
internal sealed class ReadinessWorker(
    MeterStartup meter, DemoDataSeeder demo, Readiness readiness, IOptions<BootstrapOptions> bootstrap, ILogger<ReadinessWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await meter.LoadAsync(stoppingToken);
        if (readiness.Bootstrapped is { } accountId && bootstrap.Value.DemoData)
        {
            logger.LogInformation("Seeding two weeks of demo usage");
            await demo.SeedAsync(accountId, stoppingToken);
        }

        readiness.MarkReady();
    }
}
