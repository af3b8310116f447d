using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Infrastructure.Persistence;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace BudgetHub.Web.Tests.Notifications;

/// <summary>
/// The outbox as the app wires it: a real SQLite file, real HTTP to a local server, emails to the pickup folder,
/// and a fake clock, which times the webhook's answer out.
/// </summary>
public sealed class OutboxDeliveryTests : IAsyncLifetime
{
    /// <summary>Less than the first retry's 30 s, so the timed-out webhook is not yet due again in the same run.</summary>
    private const int TimeoutSeconds = 25;

    /// <summary>Shorter than the timeout: the run ends within it only when the fake clock times the webhook out.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly string _dir = Directory.CreateTempSubdirectory("outbox-").FullName;
    private ServiceProvider _services = null!;
    private AccountDb _db = null!;
    private long _accountId;

    private string MailDirectory => Path.Combine(_dir, "mail");

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:BudgetHub"] = $"Data Source={Path.Combine(_dir, "budgethub.db")}",
            ["Email:PickupDirectory"] = MailDirectory,
            ["Notifications:AllowPrivateWebhookTargets"] = "true",
            ["Notifications:WebhookTimeoutSeconds"] = $"{TimeoutSeconds}",
        }).Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.AddFakeLogging())
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(new InMemoryStorage()))
            .AddPersistenceModule(configuration)
            .AddNotificationsModule(configuration)
            .BuildServiceProvider();
        _db = _services.GetRequiredService<AccountDb>();
        await using var context = _db.System();
        await context.Database.MigrateAsync();
        var account = new Account { Name = "Test Co", CreatedAt = Now };
        context.Accounts.Add(account);
        await context.SaveChangesAsync();
        _accountId = account.Id;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task DeliverDue_WhenAWebhookTargetNeverAnswers_RecordsTheTimeoutAndARetry_AndStillSendsTheEmailQueuedBehindIt()
    {
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var target = await LocalHttpServer.StartAsync(routes => routes.MapPost("/hook", (HttpContext context) =>
        {
            asked.TrySetResult();
            return Task.Delay(Timeout.Infinite, context.RequestAborted);
        }));
        var webhook = await QueueAsync(OutboxChannel.Webhook, target.Url("/hook").ToString());
        var email = await QueueAsync(OutboxChannel.Email, "finance@example.com");
        var attemptedAt = Now;

        using (var scope = _services.CreateScope())
        {
            var delivering = scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverDueAsync(CancellationToken.None);
            await asked.Task.WaitAsync(Deadline);
            _clock.Advance(TimeSpan.FromSeconds(TimeoutSeconds));
            await delivering.WaitAsync(Deadline);
        }

        await using var context = _db.System();
        var failed = await context.Outbox.IgnoreQueryFilters().AsNoTracking().SingleAsync(m => m.Id == webhook);
        Assert.Null(failed.SentAt);
        Assert.Contains($"did not answer within {TimeoutSeconds} seconds", failed.LastError, StringComparison.Ordinal);
        Assert.Null(failed.LockedUntil);
        Assert.Equal(attemptedAt + TimeSpan.FromSeconds(30), failed.NextAttemptAt);
        Assert.NotNull((await context.Outbox.IgnoreQueryFilters().AsNoTracking().SingleAsync(m => m.Id == email)).SentAt);
        Assert.Contains("finance@example.com", File.ReadAllText(Assert.Single(Directory.GetFiles(MailDirectory))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverDue_WhenADeliveryFails_LogsTheExceptionItself_NotOnlyItsMessage()
    {
        await using var target = await LocalHttpServer.StartAsync(routes => routes.MapPost("/hook", () => Results.StatusCode(StatusCodes.Status500InternalServerError)));
        await QueueAsync(OutboxChannel.Webhook, target.Url("/hook").ToString());

        using (var scope = _services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverDueAsync(CancellationToken.None);
        }

        var failure = Assert.Single(_services.GetFakeLogCollector().GetSnapshot(), r => r.Category == typeof(OutboxDelivery).FullName && r.Level == LogLevel.Warning);
        Assert.IsType<HttpRequestException>(failure.Exception, exactMatch: false);
    }

    private async Task<long> QueueAsync(OutboxChannel channel, string recipient)
    {
        await using var context = _db.System();
        var message = new OutboxMessage
        {
            AccountId = _accountId, Channel = channel, DedupeKey = $"{channel}:{recipient}", Recipient = recipient,
            Subject = "Budget alert", Body = "{}", CreatedAt = Now, NextAttemptAt = Now,
        };
        context.Outbox.Add(message);
        await context.SaveChangesAsync();
        return message.Id;
    }
}
