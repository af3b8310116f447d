using System.Text;
using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.TestSupport;
using BudgetHub.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace BudgetHub.Web.Tests.Notifications;

/// <summary>The digest job on a real SQLite file and a fake clock, delivering to a real SMTP server.</summary>
public sealed class DailyDigestTests : IAsyncLifetime
{
    private static readonly DateTime Day1 = new(2026, 11, 23, 7, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider _clock = new(Day1);
    private MembershipDatabase _database = null!;
    private SmtpServer _smtp = null!;
    private long _policyId;

    public async Task InitializeAsync()
    {
        _database = await MembershipDatabase.CreateAsync();
        _smtp = await SmtpServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task<string> SubscribedMemberAsync(string email)
    {
        var (userId, _) = await _database.MemberAsync(email, MemberRole.Finance);
        await new PreferenceService(_database.Db).SaveDigestAsync(_database.AccountId, userId, daily: true);
        return userId;
    }

    private async Task AlertAsync(string policyName, DateTime createdAt)
    {
        await using var context = _database.Db.System();
        context.Alerts.Add(new AlertRecord
        {
            AccountId = _database.AccountId, PolicyId = ++_policyId, PolicyName = policyName, ScopeKey = "acme-bot", Metric = "cost",
            Window = "month", Threshold = 80, CreatedAt = createdAt, WindowStart = createdAt.Date, WindowEnd = createdAt.Date.AddDays(1),
        });
        await context.SaveChangesAsync();
    }

    /// <summary>
    /// One run of the job at <paramref name="at"/>, by new instances as after a restart, then the outbox delivered.
    /// </summary>
    /// <returns>The text of each digest the SMTP server received from that run.</returns>
    private async Task<List<string>> RunDigestAtAsync(DateTime at)
    {
        _clock.SetUtcNow(at);
        var before = _smtp.Messages();
        var email = Options.Create(new EmailOptions { Smtp = { Host = "127.0.0.1", Port = _smtp.Port } });
        var kick = _database.Services.GetRequiredService<OutboxKick>();
        await new DailyDigest(_database.Db, kick, new AppAddress(email, _database.Services), _clock).SendAsync(CancellationToken.None);
        using var http = new HttpClient();
        await new OutboxDelivery(_database.Db, new EmailTransport(email, _clock), new WebhookSender(http, _clock), _database.Jobs, kick,
            Options.Create(new NotificationOptions()), _clock, NullLogger<OutboxDelivery>.Instance).DeliverDueAsync(CancellationToken.None);
        return _smtp.Messages().Except(before).Select(raw => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw))).TextBody ?? "").ToList();
    }

    [Fact]
    public async Task SendAsync_MailsTheMembersWhoSubscribed_NotSomeoneNoLongerAMember()
    {
        var member = await _database.MemberAsync("member@example.com", MemberRole.Finance);
        var gone = await _database.MemberAsync("gone@example.com", MemberRole.Viewer);
        await using (var context = _database.Db.System())
        {
            var now = DateTime.UtcNow;
            context.DigestSubscriptions.AddRange(
                new DigestSubscription { AccountId = _database.AccountId, UserId = member.UserId, Daily = true },
                new DigestSubscription { AccountId = _database.AccountId, UserId = gone.UserId, Daily = true });
            context.Alerts.Add(new AlertRecord
            {
                AccountId = _database.AccountId, PolicyId = 1, PolicyName = "Secret project budget", ScopeKey = "acme-bot", Metric = "cost",
                Window = "month", Threshold = 80, CreatedAt = now, WindowStart = now.Date, WindowEnd = now.Date.AddDays(1),
            });
            // Removed before removal cleaned up after itself: their subscription row is still there.
            await context.AccountMembers.IgnoreQueryFilters().Where(m => m.Id == gone.MemberId).ExecuteDeleteAsync();
            await context.SaveChangesAsync();
        }

        var digest = new DailyDigest(_database.Db, _database.Services.GetRequiredService<OutboxKick>(), new AppAddress(Options.Create(new EmailOptions()), _database.Services), TimeProvider.System);
        await digest.SendAsync(CancellationToken.None);

        await using var check = _database.Db.For(_database.AccountId);
        var mail = await check.Outbox.AsNoTracking().SingleAsync();
        Assert.Equal("member@example.com", mail.Recipient);
        Assert.Contains("Secret project budget", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_AfterADayWithoutARun_ListsEveryAlertSinceTheLastDigest()
    {
        await SubscribedMemberAsync("finance@example.com");
        await AlertAsync("Budget A", Day1.AddHours(-2));
        var first = Assert.Single(await RunDigestAtAsync(Day1));
        await AlertAsync("Budget B", Day1.AddHours(3));
        await AlertAsync("Budget C", Day1.AddDays(1).AddHours(5));

        // Day 2 at 07:00 the app was down: no run.
        var third = Assert.Single(await RunDigestAtAsync(Day1.AddDays(2)));

        Assert.Contains("Budget A", first, StringComparison.Ordinal);
        Assert.StartsWith("2 alert(s) since 2026-11-23 07:00 UTC:", third, StringComparison.Ordinal);
        Assert.Contains("Budget B", third, StringComparison.Ordinal);
        Assert.Contains("Budget C", third, StringComparison.Ordinal);
        Assert.DoesNotContain("Budget A", third, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RunsSecondsEarlierOrLaterThanTheDayBefore_ListEachAlertOnce_AndASecondRunTheSameDaySendsNothing()
    {
        await SubscribedMemberAsync("finance@example.com");
        var names = new[] { "Just before the first run", "Just after the first run", "Later on day one", "Between the second run and the third" };
        await AlertAsync(names[0], Day1.AddSeconds(5));
        var digests = await RunDigestAtAsync(Day1.AddSeconds(10));
        await AlertAsync(names[1], Day1.AddSeconds(15));
        Assert.Empty(await RunDigestAtAsync(Day1.AddHours(2)));
        await AlertAsync(names[2], Day1.AddHours(8));

        digests.AddRange(await RunDigestAtAsync(Day1.AddDays(1).AddSeconds(3)));
        await AlertAsync(names[3], Day1.AddDays(1).AddSeconds(6));
        digests.AddRange(await RunDigestAtAsync(Day1.AddDays(2).AddSeconds(12)));

        Assert.Equal(3, digests.Count);
        Assert.All(names, name => Assert.Single(digests, digest => digest.Contains(name, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SendAsync_AfterSubscribingAgain_ListsTheLastDaysAlerts_NotEverySinceTheOldDigest()
    {
        var userId = await SubscribedMemberAsync("finance@example.com");
        await AlertAsync("Budget A", Day1.AddHours(-1));
        Assert.Single(await RunDigestAtAsync(Day1));
        var preferences = new PreferenceService(_database.Db);
        await preferences.SaveDigestAsync(_database.AccountId, userId, daily: false);
        await AlertAsync("While unsubscribed", Day1.AddDays(3));
        await AlertAsync("Budget B", Day1.AddDays(9).AddHours(-3));

        await preferences.SaveDigestAsync(_database.AccountId, userId, daily: true);
        var digest = Assert.Single(await RunDigestAtAsync(Day1.AddDays(9)));

        Assert.StartsWith("1 alert(s) since 2026-12-01 07:00 UTC:", digest, StringComparison.Ordinal);
        Assert.Contains("Budget B", digest, StringComparison.Ordinal);
    }
}
