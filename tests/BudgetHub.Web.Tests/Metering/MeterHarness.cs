using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Enforcement;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Infrastructure.Persistence;
using BudgetHub.Infrastructure.Retention;
using BudgetHub.Infrastructure.Usage;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BudgetHub.Web.Tests.Metering;

/// <summary>
/// The real meter (writer thread, SQLite file, policies) of one account on a fake clock, without the web
/// app around it: for rules that need time to pass, such as a block outliving its rolling window.
/// </summary>
internal sealed class MeterHarness : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("meter-").FullName;
    private readonly Action<IServiceCollection> _replace;
    private ServiceProvider _services;
    private MeterWriter _writer;

    private MeterHarness(FakeTimeProvider clock, Action<IServiceCollection> replace)
    {
        Clock = clock;
        _replace = replace;
        (_services, _writer) = BuildMeter();
    }

    private (ServiceProvider, MeterWriter) BuildMeter()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:BudgetHub"] = $"Data Source={Path.Combine(_directory, "meter.db")}",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<ILiveUpdates, NoLiveUpdates>()
            .AddSingleton<IBackgroundJobClient, RecordingJobs>()
            .AddPersistenceModule(configuration)
            .AddAccountsModule(configuration)
            .AddUsageModule()
            .AddBudgetsModule()
            .AddEnforcementModule()
            .AddNotificationsModule(configuration)
            .AddRetentionModule();
        _replace(services);
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<MeterWriter>());
    }

    public FakeTimeProvider Clock { get; }

    public long AccountId { get; private set; }

    public IUsageMeter Meter => _services.GetRequiredService<IUsageMeter>();

    public AccountDb Db => _services.GetRequiredService<AccountDb>();

    public PolicyService Policies => _services.GetRequiredService<PolicyService>();

    /// <summary>The account's state in the meter's memory.</summary>
    public AccountMeterState State => _services.GetRequiredService<MeterRegistry>().Get(AccountId);

    public CounterStore Counters => _services.GetRequiredService<CounterStore>();

    public UsageQueries Usage => _services.GetRequiredService<UsageQueries>();

    public AlertService Alerts => _services.GetRequiredService<AlertService>();

    public BotControl Bots => _services.GetRequiredService<BotControl>();

    /// <summary>Any other service of the app around the meter, for a page under test.</summary>
    public T Service<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>The recurring tidy-up, as its job runs it.</summary>
    public async Task TidyUpAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MeterTidyUp>().RunAsync(CancellationToken.None);
    }

    /// <param name="replace">Registers services in place of the app's, such as a spy on the meter's connection.</param>
    public static async Task<MeterHarness> StartAsync(DateTimeOffset now, Action<IServiceCollection>? replace = null)
    {
        var harness = new MeterHarness(new FakeTimeProvider(now), replace ?? (_ => { }));
        await harness.InitializeAsync();
        return harness;
    }

    private async Task InitializeAsync()
    {
        await using (var context = _services.GetRequiredService<AccountDb>().System())
        {
            await context.Database.MigrateAsync();
            var account = new Account { Name = "Meter test", CreatedAt = Clock.GetUtcNow().UtcDateTime };
            context.Accounts.Add(account);
            await context.SaveChangesAsync();
            AccountId = account.Id;
        }

        await StartMeterAsync();
    }

    private async Task StartMeterAsync()
    {
        await _writer.StartAsync(CancellationToken.None);
        await _services.GetRequiredService<MeterStartup>().LoadAsync();
    }

    /// <summary>
    /// Stops the meter and starts a new one on the same database, as a restart does: memory is rebuilt from
    /// the stored counters. After a crash (<paramref name="countersLost"/>), none of the counters were stored
    /// and start-up counts every stored event again.
    /// </summary>
    public async Task RestartAsync(bool countersLost = false)
    {
        await _writer.StopAsync(CancellationToken.None);
        if (countersLost)
        {
            await using var context = _services.GetRequiredService<AccountDb>().System();
            await context.Database.ExecuteSqlRawAsync("DELETE FROM UsageCounters; UPDATE MeterCheckpoints SET CountedThroughEventId = 0");
        }

        await _services.DisposeAsync();
        (_services, _writer) = BuildMeter();
        await StartMeterAsync();
    }

    /// <summary>Changes the database behind the meter's back, as a person with the database open would: the meter is not told.</summary>
    public async Task ChangeDatabaseAsync(string sql)
    {
        await using var context = _services.GetRequiredService<AccountDb>().System();
        await context.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>Takes the database's write lock, as another writer would: the meter's next commit waits until it is disposed.</summary>
    public IDisposable HoldWriteLock()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "meter.db")};Pooling=False");
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        begin.ExecuteNonQuery();
        return connection;
    }

    public async Task<PolicyRecord> CreatePolicyAsync(PolicyInput input)
    {
        var change = await Policies.CreateAsync(AccountId, input, "test");
        Assert.True(change.Succeeded, string.Join("; ", change.Errors.SelectMany(e => e.Value)));
        return change.Policy!;
    }

    public async Task<IngestOutcome> RecordAsync(string botId, long inputTokens, string? userId = null, string? tier = null, string? team = null) =>
        await Meter.RecordAsync(AccountId, [new UsageEventInput(Guid.NewGuid().ToString("N"), null, botId, userId, tier, team, InputTokens: inputTokens)]);

    /// <summary>The policy's value as the Budgets page reads it.</summary>
    public long Standing(long policyId) => Meter.Standings(AccountId).Single(s => s.Policy.Id == policyId).Value;

    public bool Allowed(string botId, string? userId = null, string? tier = null) => Check(botId, userId, tier).Allowed;

    public Decision Check(string botId, string? userId = null, string? tier = null) => Meter.Check(AccountId, botId, userId, tier);

    public async ValueTask DisposeAsync()
    {
        await _writer.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
