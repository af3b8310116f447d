using BudgetHub.Infrastructure.Accounts;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Infrastructure.Jobs;

/// <summary>Hangfire with in-memory storage. Jobs only move the database forward; it is the truth.</summary>
public static class JobsModule
{
    public static IServiceCollection AddJobsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) }));
        services.AddHangfireServer(options => options.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        return services;
    }

    /// <summary>Registers the recurring jobs; their schedules come from <c>Jobs:*Cron</c>.</summary>
    public static void ScheduleRecurringJobs(IRecurringJobManager jobs, IConfiguration configuration)
    {
        jobs.AddOrUpdate<ApiKeyService>("api-keys-last-used", s => s.FlushLastUsedAsync(CancellationToken.None),
            configuration["Jobs:ApiKeyLastUsedCron"] ?? "* * * * *");
    }
}
