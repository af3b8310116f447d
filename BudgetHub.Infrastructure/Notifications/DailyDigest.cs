using System.Globalization;
using System.Text;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>
/// Once a day, members who asked for it get one email listing the last day's alerts (through the
/// outbox, keyed by member and day, so a second run sends nothing more).
/// </summary>
internal sealed class DailyDigest(AccountDb db, OutboxKick outbox, AppAddress address, TimeProvider clock)
{
    public async Task SendAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var day = now.Date;
        await using var context = db.System();
        // Only members: a subscription must never outlive the membership it was made in.
        var subscribers = await context.DigestSubscriptions.IgnoreQueryFilters().AsNoTracking().Where(d => d.Daily)
            .Join(context.AccountMembers.IgnoreQueryFilters(), d => new { d.AccountId, d.UserId }, m => new { m.AccountId, m.UserId }, (d, m) => d)
            .Join(context.Users, d => d.UserId, u => u.Id, (d, u) => new { d.AccountId, d.UserId, u.Email })
            .ToListAsync(ct);
        foreach (var subscriber in subscribers.Where(s => !string.IsNullOrEmpty(s.Email)))
        {
            var alerts = await context.Alerts.IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.AccountId == subscriber.AccountId && a.CreatedAt >= now.AddDays(-1))
                .OrderByDescending(a => a.Id).Take(50).ToListAsync(ct);
            if (alerts.Count == 0)
            {
                continue;
            }

            var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"{alerts.Count} alert(s) in the last 24 hours:").AppendLine();
            foreach (var alert in alerts)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {alert.Severity}: {alert.PolicyName} ({alert.ScopeType} {alert.ScopeKey}) at {alert.Threshold}% — {alert.CreatedAt:yyyy-MM-dd HH:mm} UTC");
            }

            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{address.BaseUrl}/notifications");
            context.Outbox.Add(new OutboxMessage
            {
                AccountId = subscriber.AccountId, Channel = OutboxChannel.Email, DedupeKey = $"digest:{subscriber.AccountId}:{subscriber.UserId}:{day:yyyyMMdd}",
                Recipient = subscriber.Email!, Subject = $"[BudgetHub] Daily digest: {alerts.Count} alert(s)", Body = text.ToString(),
                CreatedAt = now, NextAttemptAt = now,
            });
            try
            {
                await context.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                context.ChangeTracker.Clear(); // Today's digest for this member is already in the outbox.
            }
        }

        outbox.Kick();
    }
}
