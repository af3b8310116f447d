using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Infrastructure.Persistence;
using BudgetHub.Infrastructure.Retention;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Infrastructure.Jobs;

/// <summary>
/// Hangfire with in-memory storage, or with its tables in the PostgreSQL database when that is the provider.
/// Jobs only move the database forward; it is the truth.
/// </summary>
public static class JobsModule
{
    public static IServiceCollection AddJobsModule(this IServiceCollection services, IConfiguration configuration)
    {
        var postgres = PersistenceModule.ProviderOf(configuration) == StorageProvider.Postgres ? PersistenceModule.PostgresConnectionString(configuration) : null;
        services.AddHangfire(config =>
        {
            config
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (postgres is null)
            {
                config.UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });
            }
            else
            {
                config.UsePostgreSqlStorage(options => options.UseNpgsqlConnection(postgres), new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true });
            }
        });
        services.AddHangfireServer(options => options.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        return services;
    }

    /// <summary>Registers the recurring jobs; their schedules come from <c>Jobs:*Cron</c>.</summary>
    public static void ScheduleRecurringJobs(IRecurringJobManager jobs, IConfiguration configuration)
    {
        string Cron(string name, string fallback) => configuration[$"Jobs:{name}Cron"] ?? fallback;
        jobs.AddOrUpdate<ApiKeyService>("api-keys-last-used", s => s.FlushLastUsedAsync(CancellationToken.None), Cron("ApiKeyLastUsed", "* * * * *"));
        jobs.AddOrUpdate<WebhookSourceService>("webhook-sources-last-used", s => s.FlushLastUsedAsync(CancellationToken.None), Cron("WebhookSourceLastUsed", "* * * * *"));
        jobs.AddOrUpdate<OutboxDelivery>("outbox-delivery", s => s.DeliverDueAsync(CancellationToken.None), Cron("Outbox", "* * * * *"));
        jobs.AddOrUpdate<AlertMaintenance>("alert-resolution", s => s.ResolveEndedAsync(CancellationToken.None), Cron("AlertResolution", "* * * * *"));
        jobs.AddOrUpdate<AlertMaintenance>("forecast-alerts", s => s.ForecastAsync(CancellationToken.None), Cron("Forecast", "*/10 * * * *"));
        jobs.AddOrUpdate<MeterTidyUp>("meter-tidy-up", s => s.RunAsync(CancellationToken.None), Cron("TidyUp", "*/5 * * * *"));
        jobs.AddOrUpdate<RetentionJob>("retention", s => s.RunAsync(CancellationToken.None), Cron("Retention", "0 * * * *"));
        jobs.AddOrUpdate<DailyDigest>("daily-digest", s => s.SendAsync(CancellationToken.None), Cron("Digest", "0 * * * *"));
        jobs.AddOrUpdate<SignInSessionStore>("expired-sign-in-sessions", s => s.DeleteExpiredAsync(CancellationToken.None), Cron("ExpiredSessions", "30 3 * * *"));
    }
}
