using BudgetHub.Domain.Accounts;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BudgetHub.Web.Tests.Notifications;

public sealed class DailyDigestTests : IAsyncLifetime
{
    private MembershipDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MembershipDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

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
}
