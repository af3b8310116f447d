using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>Emails and webhook calls of the last week that have not gone out: some still being retried, some given up on.</summary>
public sealed record DeliveryTrouble(int Retrying, int GaveUp, string LastError, DateTime? NextAttemptAt);

/// <summary>
/// Whether the account's notifications are getting out. Without it, a mail server that refuses
/// BudgetHub's alerts shows only in the server's log, and people wait for emails that do not come.
/// </summary>
public sealed class DeliveryStatus(AccountDb db, TimeProvider clock)
{
    public static readonly TimeSpan LooksBack = TimeSpan.FromDays(7);

    /// <returns>null when every message of the last week that was tried has gone out.</returns>
    public async Task<DeliveryTrouble?> TroubleAsync(long accountId, CancellationToken ct = default)
    {
        var since = (clock.GetUtcNow() - LooksBack).UtcDateTime;
        await using var context = db.For(accountId);
        var failing = await context.Outbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.LastError != null && m.CreatedAt >= since)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => new { m.NextAttemptAt, m.LastError })
            .ToListAsync(ct);
        if (failing.Count == 0)
        {
            return null;
        }

        var retrying = failing.Where(m => m.NextAttemptAt < OutboxDelivery.GaveUp).ToList();
        return new DeliveryTrouble(retrying.Count, failing.Count - retrying.Count, failing[0].LastError!,
            retrying.Count == 0 ? null : retrying.Min(m => m.NextAttemptAt));
    }
}
