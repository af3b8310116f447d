using System.Globalization;
using System.Text;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>
/// Once a day, members who asked for it get one email listing the alerts since their last digest (the
/// first one: the last day's), through the outbox. Each digest starts where the member's last one ended
/// (<see cref="DigestSubscription.LastSentFor"/>): a day without a run (the app down at 07:00) loses no
/// alert, runs a few seconds earlier or later than the day before repeat or miss none, and a second run
/// the same day, after a restart or at once, sends nothing more.
/// </summary>
internal sealed class DailyDigest(AccountDb db, OutboxKick outbox, AppAddress address, TimeProvider clock)
{
    public async Task SendAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var day = now.Date;
        await using var context = db.System();
        // Only members: a subscription must never outlive the membership it was made in.
        var subscribers = await context.DigestSubscriptions.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.Daily && (d.LastSentFor == null || d.LastSentFor < day))
            .Join(context.AccountMembers.IgnoreQueryFilters(), d => new { d.AccountId, d.UserId }, m => new { m.AccountId, m.UserId }, (d, m) => d)
            .Join(context.Users, d => d.UserId, u => u.Id, (d, u) => new Subscriber(d.Id, d.AccountId, d.UserId, d.LastSentFor, u.Email))
            .ToListAsync(ct);
        foreach (var subscriber in subscribers.Where(s => !string.IsNullOrEmpty(s.Email)))
        {
            await SendToAsync(context, subscriber, now, ct);
        }

        outbox.Kick();
    }

    private sealed record Subscriber(long Id, long AccountId, string UserId, DateTime? LastSentFor, string? Email);

    /// <summary>Moves the member's digest on to now and queues the alerts in between, together or not at all.</summary>
    private async Task SendToAsync(BudgetHubDbContext context, Subscriber subscriber, DateTime now, CancellationToken ct)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(ct);
        // A run that read the same start at the same time finds it moved, and sends nothing.
        var claimed = await context.DigestSubscriptions.IgnoreQueryFilters()
            .Where(d => d.Id == subscriber.Id && d.LastSentFor == subscriber.LastSentFor)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.LastSentFor, now), ct);
        if (claimed == 0)
        {
            return;
        }

        var from = subscriber.LastSentFor ?? now.AddDays(-1);
        var alerts = await context.Alerts.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.AccountId == subscriber.AccountId && a.CreatedAt >= from && a.CreatedAt < now)
            .OrderByDescending(a => a.Id).Take(50).ToListAsync(ct);
        if (alerts.Count > 0)
        {
            var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"{alerts.Count} alert(s) since {from:yyyy-MM-dd HH:mm} UTC:").AppendLine();
            foreach (var alert in alerts)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {alert.Severity}: {alert.PolicyName} ({alert.ScopeType} {alert.ScopeKey}) at {alert.Threshold}% — {alert.CreatedAt:yyyy-MM-dd HH:mm} UTC");
            }

            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{address.BaseUrl}/notifications");
            context.Outbox.Add(new OutboxMessage
            {
                AccountId = subscriber.AccountId, Channel = OutboxChannel.Email, DedupeKey = $"digest:{subscriber.AccountId}:{subscriber.UserId}:{now:yyyyMMdd}",
                Recipient = subscriber.Email!, Subject = $"[BudgetHub] Daily digest: {alerts.Count} alert(s)", Body = text.ToString(),
                CreatedAt = now, NextAttemptAt = now,
            });
            try
            {
                await context.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Today's digest for this member is already in the outbox (they subscribed again today): nothing moves.
                context.ChangeTracker.Clear();
                return;
            }
        }

        await transaction.CommitAsync(ct);
    }
}
