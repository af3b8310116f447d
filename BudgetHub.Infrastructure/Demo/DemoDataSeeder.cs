using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Metering;

namespace BudgetHub.Infrastructure.Demo;

/// <summary>
/// Fills a freshly bootstrapped demo account with two weeks of usage and a few budgets, through
/// the real meter, so the quick start opens on a living dashboard.
/// </summary>
public sealed class DemoDataSeeder(IUsageMeter meter, PolicyService policies, TimeProvider clock)
{
    public async Task SeedAsync(long accountId, CancellationToken ct = default)
    {
        foreach (var policy in DemoPolicies)
        {
            await policies.CreateAsync(accountId, policy, "demo", ct);
        }

        var random = new Random(20261123);
        var now = clock.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddDays(-14);
        var batch = new List<UsageEventInput>();
        var sequence = 0;
        for (var hour = start; hour < now; hour = hour.AddHours(1))
        {
            var count = DemoWorkload.EventsInHour(random, hour);
            for (var i = 0; i < count; i++)
            {
                var at = hour.AddSeconds(random.Next(3600));
                if (at < now)
                {
                    batch.Add(DemoWorkload.NextEvent(random, at, $"demo-{++sequence:000000}"));
                }
            }

            if (batch.Count >= 500)
            {
                await meter.RecordAsync(accountId, batch, ct);
                batch = [];
            }
        }

        if (batch.Count > 0)
        {
            await meter.RecordAsync(accountId, batch, ct);
        }
    }

    private static readonly PolicyInput[] DemoPolicies =
    [
        new() { Name = "Monthly AI budget", ScopeType = ScopeType.Account, Metric = Metric.Cost, Limit = 140m, WindowUnit = "month", Thresholds = [50, 75, 90] },
        new() { Name = "Support team monthly spend", ScopeType = ScopeType.Team, ScopeId = "support", Metric = Metric.Cost, Limit = 1m, WindowUnit = "month", Thresholds = [50, 75, 90] },
        // About a full day of its usage: the seeded history of today stays under it or just past it, and the live
        // simulator (which checks before each call) fills it during the day until the bot is paused.
        new() { Name = "research-agent · daily cost cap", ScopeType = ScopeType.Bot, ScopeId = "research-agent", Metric = Metric.Cost, Limit = 8m, WindowUnit = "day", Thresholds = [80, 95], Action = PolicyAction.Block },
        new() { Name = "Code reviewer hourly tokens", ScopeType = ScopeType.Bot, ScopeId = "code-reviewer", Metric = Metric.Tokens, Limit = 400_000m, RollingDuration = "PT1H", WindowUnit = null, Thresholds = [80], Action = PolicyAction.Block, BlockFor = "PT15M" },
        new() { Name = "Free tier daily spend", ScopeType = ScopeType.Tier, ScopeId = "free", Metric = Metric.Cost, Limit = 0.50m, WindowUnit = "day", Thresholds = [80] },
        new() { Name = "Pro tier monthly spend", ScopeType = ScopeType.Tier, ScopeId = "pro", Metric = Metric.Cost, Limit = 20m, WindowUnit = "month", Thresholds = [80], Action = PolicyAction.DryRun },
        new() { Name = "VIP override: user-07", ScopeType = ScopeType.User, ScopeId = "user-07", Metric = Metric.Cost, Limit = 50m, WindowUnit = "month", Thresholds = [80] },
    ];
}
