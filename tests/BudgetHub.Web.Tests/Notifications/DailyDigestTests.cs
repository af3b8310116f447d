using System.Text;
using BudgetHub.Domain.Accounts;
using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;
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
    private readonly FakeTimeProvider _clock = new(Day1.AddDays(-7));
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

    /// <summary>By default a warning of a bot's monthly budget, at 80%: $0.40 of $0.50.</summary>
    private async Task AlertAsync(string policyName, DateTime createdAt, ScopeType scope = ScopeType.Bot, AlertKind kind = AlertKind.Threshold, long value = 400_000)
    {
        await using var context = _database.Db.System();
        context.Alerts.Add(new AlertRecord
        {
            AccountId = _database.AccountId, PolicyId = ++_policyId, PolicyName = policyName, Kind = kind, ScopeType = scope, ScopeKey = scope == ScopeType.Account ? "" : "acme-bot",
            Metric = "cost", Window = "month", Threshold = 80, Severity = Severity.Warning, Value = value, Limit = 500_000,
            CreatedAt = createdAt, WindowStart = createdAt.Date, WindowEnd = createdAt.Date.AddDays(1),
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
        await new DailyDigest(_database.Db, kick, new AppAddress(email, _database.Services), _clock, NullLogger<DailyDigest>.Instance).SendAsync(CancellationToken.None);
        using var http = new HttpClient();
        await new OutboxDelivery(_database.Db, new EmailTransport(email, _clock), new WebhookSender(http, _clock, Options.Create(new NotificationOptions())), new OutgoingWebhookSecret(_database.Db), _database.Jobs, kick,
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
            var now = Day1.AddHours(-12);
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

        _clock.SetUtcNow(Day1);
        var digest = new DailyDigest(_database.Db, _database.Services.GetRequiredService<OutboxKick>(), new AppAddress(Options.Create(new EmailOptions()), _database.Services), _clock, NullLogger<DailyDigest>.Instance);
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
        await AlertAsync("Budget A", Day1.AddHours(-12));
        var first = Assert.Single(await RunDigestAtAsync(Day1));
        await AlertAsync("Budget B", Day1.AddHours(3));
        await AlertAsync("Budget C", Day1.AddDays(1).AddHours(5));

        // The night after day 2 the app was down: no run.
        var third = Assert.Single(await RunDigestAtAsync(Day1.AddDays(2)));

        Assert.StartsWith("1 alert(s) from 2026-11-22 00:00 to 2026-11-23 00:00 (UTC), newest first:", first, StringComparison.Ordinal);
        Assert.Contains("Budget A", first, StringComparison.Ordinal);
        Assert.StartsWith("2 alert(s) from 2026-11-23 00:00 to 2026-11-25 00:00 (UTC), newest first:", third, StringComparison.Ordinal);
        Assert.Contains("Budget B", third, StringComparison.Ordinal);
        Assert.Contains("Budget C", third, StringComparison.Ordinal);
        Assert.DoesNotContain("Budget A", third, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_EachAlertAroundMidnight_IsInOneDigest_AndASecondRunTheSameDaySendsNothing()
    {
        await SubscribedMemberAsync("finance@example.com");
        var midnight = Day1.Date;
        var names = new[] { "Just before midnight", "Just after midnight", "Later on day one", "Just after the next midnight" };
        await AlertAsync(names[0], midnight.AddSeconds(-5));
        await AlertAsync(names[1], midnight.AddSeconds(5));
        var digests = await RunDigestAtAsync(midnight.AddSeconds(10));
        Assert.Empty(await RunDigestAtAsync(midnight.AddHours(2)));
        await AlertAsync(names[2], midnight.AddHours(8));

        digests.AddRange(await RunDigestAtAsync(midnight.AddDays(1).AddSeconds(3)));
        await AlertAsync(names[3], midnight.AddDays(1).AddSeconds(6));
        digests.AddRange(await RunDigestAtAsync(midnight.AddDays(2).AddSeconds(12)));

        Assert.Equal(3, digests.Count);
        Assert.All(names, name => Assert.Single(digests, digest => digest.Contains(name, StringComparison.Ordinal)));
        Assert.Contains(names[0], digests[0], StringComparison.Ordinal);
        Assert.Contains(names[1], digests[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    public async Task SendAsync_ListsTheAccountsLocalDay_AfterItsLocalMidnight(string zoneId)
    {
        await using (var context = _database.Db.System())
        {
            await context.Accounts.Where(a => a.Id == _database.AccountId).ExecuteUpdateAsync(a => a.SetProperty(x => x.TimeZone, zoneId));
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        DateTime Local(int day, int hour, int minute) => TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 11, day, hour, minute, 0, DateTimeKind.Unspecified), zone);
        await SubscribedMemberAsync("finance@example.com");
        await AlertAsync("The day before", Local(22, 23, 50));
        await AlertAsync("Early on the day", Local(23, 0, 10));
        await AlertAsync("Late on the day", Local(23, 23, 50));
        await AlertAsync("The next day", Local(24, 0, 10));

        var first = Assert.Single(await RunDigestAtAsync(Local(23, 1, 0)));
        Assert.Empty(await RunDigestAtAsync(Local(23, 23, 55)));
        var digest = Assert.Single(await RunDigestAtAsync(Local(24, 0, 30)));
        Assert.Empty(await RunDigestAtAsync(Local(24, 12, 0)));

        Assert.StartsWith($"1 alert(s) from 2026-11-22 00:00 to 2026-11-23 00:00 ({zoneId}), newest first:", first, StringComparison.Ordinal);
        Assert.StartsWith($"2 alert(s) from 2026-11-23 00:00 to 2026-11-24 00:00 ({zoneId}), newest first:", digest, StringComparison.Ordinal);
        Assert.Contains("Warning: Early on the day at 80% ($0.40 of $0.50), bot acme-bot, 2026-11-23 00:10", digest, StringComparison.Ordinal);
        Assert.Contains(", 2026-11-23 23:50", digest, StringComparison.Ordinal);
        Assert.DoesNotContain("The day before", digest, StringComparison.Ordinal);
        Assert.DoesNotContain("The next day", digest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_AfterSubscribingAgain_ListsTheLastDaysAlerts_NotEverySinceTheOldDigest()
    {
        var userId = await SubscribedMemberAsync("finance@example.com");
        await AlertAsync("Budget A", Day1.AddHours(-10));
        Assert.Single(await RunDigestAtAsync(Day1));
        var preferences = new PreferenceService(_database.Db);
        await preferences.SaveDigestAsync(_database.AccountId, userId, daily: false);
        await AlertAsync("While unsubscribed", Day1.AddDays(3));
        await AlertAsync("Budget B", Day1.AddDays(8));

        await preferences.SaveDigestAsync(_database.AccountId, userId, daily: true);
        var digest = Assert.Single(await RunDigestAtAsync(Day1.AddDays(9)));

        Assert.StartsWith("1 alert(s) from 2026-12-01 00:00 to 2026-12-02 00:00 (UTC), newest first:", digest, StringComparison.Ordinal);
        Assert.Contains("Budget B", digest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_AfterSubscribingAgainTheSameDay_DoesNotQueueThatDaysDigestTwice()
    {
        var userId = await SubscribedMemberAsync("finance@example.com");
        await AlertAsync("Budget A", Day1.AddHours(-10));
        Assert.Single(await RunDigestAtAsync(Day1));
        var preferences = new PreferenceService(_database.Db);
        await preferences.SaveDigestAsync(_database.AccountId, userId, daily: false);
        await preferences.SaveDigestAsync(_database.AccountId, userId, daily: true);

        Assert.Empty(await RunDigestAtAsync(Day1.AddMinutes(30)));
    }

    [Fact]
    public async Task SendAsync_WhenTheDigestCannotBeQueuedForAnotherReason_FailsTheRun_AndTheNextRunSendsIt()
    {
        await SubscribedMemberAsync("finance@example.com");
        await AlertAsync("Budget A", Day1.AddHours(-10));
        // A constraint other than the digest's unique key (SQLite's error 19 too): the run must fail, not pass for a duplicate.
        await using (var context = _database.Db.System())
        {
            await context.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_mail BEFORE INSERT ON Outbox BEGIN SELECT RAISE(ABORT, 'the outbox refuses mail'); END");
        }

        await Assert.ThrowsAsync<DbUpdateException>(() => RunDigestAtAsync(Day1));
        await using (var context = _database.Db.System())
        {
            await context.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_mail");
        }

        Assert.Contains("Budget A", Assert.Single(await RunDigestAtAsync(Day1.AddMinutes(30))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ADayOfManyAlerts_CountsThemAll_ListsTheNewest_AndSaysHowManyMore()
    {
        await SubscribedMemberAsync("finance@example.com");
        for (var i = 0; i < DailyDigest.MaxListed + 3; i++)
        {
            await AlertAsync($"Budget {i:000}", Day1.AddHours(-20).AddMinutes(i));
        }

        var digest = Assert.Single(await RunDigestAtAsync(Day1));

        Assert.StartsWith($"{DailyDigest.MaxListed + 3} alert(s) from", digest, StringComparison.Ordinal);
        Assert.Equal(DailyDigest.MaxListed, digest.Split('\n').Count(line => line.StartsWith("- ", StringComparison.Ordinal)));
        Assert.Contains($"Budget {DailyDigest.MaxListed + 2:000}", digest, StringComparison.Ordinal);
        Assert.DoesNotContain("Budget 002", digest, StringComparison.Ordinal);
        Assert.Contains("… and 3 earlier alert(s), listed on the Notifications page.", digest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NamesAnAccountWideBudgetPlainly_AndAForecastByWhereItIsProjected()
    {
        await SubscribedMemberAsync("finance@example.com");
        await AlertAsync("Company budget", Day1.AddHours(-10), scope: ScopeType.Account);
        await AlertAsync("Monthly AI budget", Day1.AddHours(-9), scope: ScopeType.Account, kind: AlertKind.Forecast, value: 571_000);

        var digest = Assert.Single(await RunDigestAtAsync(Day1));

        Assert.Contains("- Warning: Company budget at 80% ($0.40 of $0.50), whole organization, 2026-11-22 21:00", digest, StringComparison.Ordinal);
        Assert.Contains("- Forecast: Monthly AI budget projected at 114.2% ($0.57 of $0.50), whole organization, 2026-11-22 22:00", digest, StringComparison.Ordinal);
        Assert.DoesNotContain("(Account )", digest, StringComparison.Ordinal);
    }
}
