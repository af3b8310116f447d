using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Web.Tests.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace BudgetHub.Web.Tests.Notifications;

/// <summary>The Notifications page says when the account's emails and webhook calls are not getting out.</summary>
public sealed class DeliveryStatusTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private readonly InMemoryAccountDb _database = new();
    private readonly DeliveryStatus _status;

    public DeliveryStatusTests() => _status = new DeliveryStatus(_database.Db, new FakeTimeProvider(Now));

    public void Dispose() => _database.Dispose();

    private void Add(long accountId, string key, DateTime createdAt, DateTime? sentAt, string? lastError, DateTime nextAttemptAt)
    {
        using var context = _database.Db.System();
        context.Outbox.Add(new OutboxMessage
        {
            AccountId = accountId, Channel = OutboxChannel.Email, DedupeKey = key, Recipient = "owner@example.com", Subject = "s", Body = "b",
            CreatedAt = createdAt, SentAt = sentAt, LastError = lastError, NextAttemptAt = nextAttemptAt, Attempts = lastError is null ? 0 : 3,
        });
        context.SaveChanges();
    }

    [Fact]
    public async Task MessagesThatWentOut_AreNoTrouble()
    {
        Add(_database.AccountId, "sent", Now.AddHours(-1), Now.AddHours(-1), null, Now.AddHours(-1));
        Add(_database.AccountId, "queued", Now, null, null, Now);

        Assert.Null(await _status.TroubleAsync(_database.AccountId));
    }

    [Fact]
    public async Task FailedMessagesOfTheLastWeek_AreCounted_WithTheLatestErrorAndTheNextTry()
    {
        Add(_database.AccountId, "retrying-1", Now.AddHours(-2), null, "Connection refused 127.0.0.1:25", Now.AddMinutes(4));
        Add(_database.AccountId, "retrying-2", Now.AddHours(-1), null, "Connection refused 127.0.0.1:25", Now.AddMinutes(2));
        Add(_database.AccountId, "given-up", Now.AddDays(-1), null, "Mailbox unavailable", OutboxDelivery.GaveUp);
        Add(_database.AccountId, "given-up-long-ago", Now.AddDays(-8), null, "Old trouble", OutboxDelivery.GaveUp);
        long otherAccount;
        using (var context = _database.Db.System())
        {
            var other = new Account { Name = "Other Co" };
            context.Add(other);
            context.SaveChanges();
            otherAccount = other.Id;
        }

        Add(otherAccount, "other-account", Now, null, "Not ours", Now.AddMinutes(1));

        var trouble = await _status.TroubleAsync(_database.AccountId);

        Assert.Equal(new DeliveryTrouble(2, 1, "Connection refused 127.0.0.1:25", Now.AddMinutes(2)), trouble);
    }
}
