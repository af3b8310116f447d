using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Infrastructure.Persistence;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Web.Tests.Accounts;

/// <summary>
/// A real SQLite file (several connections, real locks) with one account, Identity's user store and the
/// membership service, for tests of who may change whom.
/// </summary>
internal sealed class MembershipDatabase : IAsyncDisposable
{
    private readonly string _directory;

    private MembershipDatabase(string directory, ServiceProvider services, long accountId)
    {
        _directory = directory;
        Services = services;
        AccountId = accountId;
    }

    public ServiceProvider Services { get; }

    public long AccountId { get; }

    public AccountDb Db => Services.GetRequiredService<AccountDb>();

    /// <summary>The background jobs asked for (an outbox delivery run after an email was queued).</summary>
    public RecordingJobs Jobs => Services.GetRequiredService<RecordingJobs>();

    public static async Task<MembershipDatabase> CreateAsync(params IInterceptor[] interceptors)
    {
        var directory = Directory.CreateTempSubdirectory("membership-").FullName;
        var connectionString = $"Data Source={Path.Combine(directory, "budgethub.db")}";
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<BudgetHubDbContext>(options => options.UseSqlite(connectionString).AddInterceptors([new SqlitePragmas(), .. interceptors]));
        services.AddSingleton<AccountDb>();
        services.AddIdentityCore<ApplicationUser>().AddEntityFrameworkStores<BudgetHubDbContext>();
        services.AddSingleton(UnusedMeter.Create());
        services.AddSingleton<RecordingJobs>().AddSingleton<IBackgroundJobClient>(sp => sp.GetRequiredService<RecordingJobs>()).AddSingleton<OutboxKick>();
        services.AddSingleton<MembershipService>();
        var provider = services.BuildServiceProvider();
        await using var context = provider.GetRequiredService<AccountDb>().System();
        await context.Database.MigrateAsync();
        var account = new Account { Name = "Test Co", CreatedAt = DateTime.UtcNow };
        context.Accounts.Add(account);
        await context.SaveChangesAsync();
        return new MembershipDatabase(directory, provider, account.Id);
    }

    /// <returns>The new member's user id and membership id.</returns>
    public async Task<(string UserId, long MemberId)> MemberAsync(string email, MemberRole role)
    {
        var user = await UserAsync(email);
        await using var context = Db.System();
        var member = new AccountMember { AccountId = AccountId, UserId = user.Id, Role = role, JoinedAt = DateTime.UtcNow };
        context.AccountMembers.Add(member);
        await context.SaveChangesAsync();
        return (user.Id, member.Id);
    }

    /// <summary>A user who belongs to no account yet, as registration creates them.</summary>
    public async Task<ApplicationUser> UserAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = new ApplicationUser { UserName = email, Email = email };
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(user);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        return user;
    }

    /// <summary>Runs <paramref name="act"/> with the membership service, which the app shares between every request and circuit.</summary>
    public Task<T> MembershipsAsync<T>(Func<MembershipService, Task<T>> act) => act(Services.GetRequiredService<MembershipService>());

    public async Task<Dictionary<string, MemberRole>> RolesAsync()
    {
        await using var context = Db.For(AccountId);
        return await context.AccountMembers.AsNoTracking().ToDictionaryAsync(m => m.UserId, m => m.Role);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
