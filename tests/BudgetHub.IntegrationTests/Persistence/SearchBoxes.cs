using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Enforcement;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.IntegrationTests.Persistence;

/// <summary>
/// The search boxes of the enforcement log (user ids) and the alerts (bot ids) on a provider's real database:
/// a prefix matches in any case, and its <c>%</c> and <c>_</c> match only themselves.
/// </summary>
internal static class SearchBoxes
{
    public static async Task MatchInAnyCase_AndTakeWildcardsLiterallyAsync(string provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["ConnectionStrings:BudgetHub"] = connectionString,
        }).Build();
        await using var services = new ServiceCollection().AddPersistenceModule(configuration).BuildServiceProvider();
        var db = services.GetRequiredService<AccountDb>();
        var accountId = await SeedAsync(db, ["Ann-Marie", "ANNA", "anne", "bob", "a_b", "axb", "50%", "50x"]);

        var log = new EnforcementLogQueries(db);
        async Task<string[]> UsersAsync(string typed) =>
            [.. (await log.ListAsync(accountId, null, typed, null, 50, null, userIdStartsWith: true)).Rows.Select(r => r.UserId!).Order(StringComparer.Ordinal)];
        var alerts = new AlertService(db, new NoLiveUpdates(), TimeProvider.System);
        async Task<string[]> BotsAsync(string typed) =>
            [.. (await alerts.ListAsync(accountId, new AlertFilter(BotKey: typed, BotKeyStartsWith: true))).Select(a => a.BotKey!).Order(StringComparer.Ordinal)];

        Assert.Equal(["ANNA", "Ann-Marie", "anne"], await UsersAsync("aNn"));
        Assert.Equal(["a_b"], await UsersAsync("a_"));
        Assert.Equal(["50%"], await UsersAsync("50%"));
        Assert.Equal(["ANNA", "Ann-Marie", "anne"], await BotsAsync("ANN"));
        Assert.Equal(["a_b"], await BotsAsync("A_B"));
        Assert.Equal(["50%"], await BotsAsync("50%"));
    }

    /// <summary>An account with, for each name, an enforcement-log row of that user and an alert of that bot.</summary>
    private static async Task<long> SeedAsync(AccountDb db, string[] names)
    {
        await using (var context = db.System())
        {
            await context.Database.MigrateAsync();
        }

        long accountId;
        await using (var context = db.System())
        {
            var account = new Account { Name = "Search Co" };
            context.Add(account);
            await context.SaveChangesAsync();
            accountId = account.Id;
        }

        await using var scoped = db.For(accountId);
        var now = DateTime.UtcNow;
        foreach (var (name, i) in names.Select((name, i) => (name, i)))
        {
            scoped.EnforcementLog.Add(new EnforcementLogRow { AccountId = accountId, Time = now, LastAt = now, BotKey = "bot", UserId = name, Action = "blocked" });
            scoped.Alerts.Add(new AlertRecord
            {
                AccountId = accountId, PolicyId = 1, PolicyName = "Cap", ScopeType = ScopeType.Account, BotKey = name, Metric = "cost", Window = "day",
                WindowStart = now.Date, WindowEnd = now.Date.AddDays(1), Threshold = 80 + i, Severity = Severity.Warning, CreatedAt = now,
            });
        }

        await scoped.SaveChangesAsync();
        return accountId;
    }

    private sealed class NoLiveUpdates : ILiveUpdates
    {
        public void Publish(long accountId, LiveTopics topics)
        {
        }
    }
}
