using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Jobs;
using BudgetHub.Infrastructure.Persistence;
using Hangfire;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BudgetHub.Web.Hosting;

/// <summary>What runs once before the app serves: the database's instance lock, migrations, the bootstrap account, recurring jobs.</summary>
/// <remarks>Counters load after the host has started (the meter's writer must run): see <see cref="ReadinessWorker"/>.</remarks>
internal static class Startup
{
    public static async Task InitializeAsync(this WebApplication app)
    {
        app.Services.GetRequiredService<InstanceLock>().Acquire();
        long? bootstrapped;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AccountDb>();
            await using (var context = db.System())
            {
                await context.Database.MigrateAsync();
            }

            bootstrapped = await scope.ServiceProvider.GetRequiredService<AccountBootstrapper>().RunAsync();
        }

        app.Services.GetRequiredService<Readiness>().Bootstrapped = bootstrapped;
        JobsModule.ScheduleRecurringJobs(app.Services.GetRequiredService<IRecurringJobManager>(), app.Configuration);
        // Printed once the app is ready (counters loaded, demo data seeded): the URL it gives then shows everything.
        var readiness = app.Services.GetRequiredService<Readiness>();
        app.Lifetime.ApplicationStarted.Register(() => readiness.WhenReady.ContinueWith(_ => PrintWelcome(app), CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default));
    }

    /// <summary>The quick start's promise: a URL and a login, printed where the developer looks.</summary>
    private static void PrintWelcome(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var bootstrap = app.Services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        var lines = new List<string> { "", "  BudgetHub is running." };
        lines.AddRange(addresses.Select(a => $"  Open        {a}"));
        if (app.Environment.IsDevelopment() && bootstrap.IsConfigured)
        {
            lines.Add($"  Sign in     {bootstrap.AdminEmail} / {bootstrap.AdminPassword}");
            if (!string.IsNullOrEmpty(bootstrap.ApiKey))
            {
                lines.Add($"  API key     {bootstrap.ApiKey}");
            }
        }

        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
