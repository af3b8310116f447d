using System.Globalization;
using System.Text;
using BudgetHub.Domain.Common;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>
/// Once a day, after midnight in the account's time zone, members who asked for it get one email listing the alerts
/// of the day that ended (the account's local day), through the outbox. Each digest starts where the member's last one
/// ended (<see cref="DigestSubscription.LastSentFor"/>) and ends at the last local midnight: a day without a run (the
/// app down that night) loses no alert, and a second run the same day, after a restart or at once, sends nothing more.
/// The job runs every hour, so each account's digest goes out in the hour after its own midnight.
/// </summary>
internal sealed class DailyDigest(AccountDb db, OutboxKick outbox, AppAddress address, TimeProvider clock, ILogger<DailyDigest> logger)
{
    /// <summary>The alerts an email lists; it counts them all, and says how many more the Notifications page has.</summary>
    public const int MaxListed = 100;

    public async Task SendAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var context = db.System();
        // Only members: a subscription must never outlive the membership it was made in.
        var subscribers = await context.DigestSubscriptions.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.Daily)
            .Join(context.AccountMembers.IgnoreQueryFilters(), d => new { d.AccountId, d.UserId }, m => new { m.AccountId, m.UserId }, (d, m) => d)
            .Join(context.Accounts, d => d.AccountId, a => a.Id, (d, a) => new { Subscription = d, a.TimeZone })
            .Join(context.Users, d => d.Subscription.UserId, u => u.Id,
                (d, u) => new Subscriber(d.Subscription.Id, d.Subscription.AccountId, d.Subscription.UserId, d.Subscription.LastSentFor, u.Email, d.TimeZone))
            .ToListAsync(ct);
        foreach (var subscriber in subscribers.Where(s => !string.IsNullOrEmpty(s.Email)))
        {
            var zone = MeterStateLoader.ZoneOf(subscriber.TimeZone);
            var today = CalendarWindows.Containing(CalendarUnit.Day, now, zone);
            if (subscriber.LastSentFor is not { } last || last < today.Start.UtcDateTime)
            {
                await SendToAsync(context, subscriber, zone, today.Start, now.UtcDateTime, ct);
            }
        }

        outbox.Kick();
    }

    private sealed record Subscriber(long Id, long AccountId, string UserId, DateTime? LastSentFor, string? Email, string TimeZone);

    /// <summary>
    /// Moves the member's digest on to <paramref name="end"/>, the last local midnight, and queues the alerts since
    /// their last digest (the first one: those of the local day that ended), together or not at all.
    /// </summary>
    private async Task SendToAsync(BudgetHubDbContext context, Subscriber subscriber, TimeZoneInfo zone, DateTimeOffset end, DateTime now, CancellationToken ct)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(ct);
        // A run that read the same start at the same time finds it moved, and sends nothing.
        var claimed = await context.DigestSubscriptions.IgnoreQueryFilters()
            .Where(d => d.Id == subscriber.Id && d.LastSentFor == subscriber.LastSentFor)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.LastSentFor, end.UtcDateTime), ct);
        if (claimed == 0)
        {
            return;
        }

        var day = CalendarWindows.Containing(CalendarUnit.Day, end.AddTicks(-1), zone);
        var from = subscriber.LastSentFor ?? day.Start.UtcDateTime;
        var period = context.Alerts.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.AccountId == subscriber.AccountId && a.CreatedAt >= from && a.CreatedAt < end.UtcDateTime);
        var count = await period.CountAsync(ct);
        if (count > 0)
        {
            var alerts = await period.OrderByDescending(a => a.Id).Take(MaxListed).ToListAsync(ct);
            string Local(DateTime utc) => TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var text = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"{count} alert(s) from {Local(from)} to {Local(end.UtcDateTime)} ({zone.Id}), newest first:").AppendLine();
            foreach (var alert in alerts)
            {
                text.Append("- ").AppendLine(AlertMessages.Line(alert, zone));
            }

            if (count > alerts.Count)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"… and {count - alerts.Count} earlier alert(s), listed on the Notifications page.");
            }

            var date = TimeZoneInfo.ConvertTime(day.Start, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{address.BaseUrl}/notifications");
            context.Outbox.Add(new OutboxMessage
            {
                AccountId = subscriber.AccountId, Channel = OutboxChannel.Email, DedupeKey = $"digest:{subscriber.AccountId}:{subscriber.UserId}:{date}",
                Recipient = subscriber.Email!, Subject = $"[BudgetHub] Daily digest for {date}: {count} alert(s)", Body = text.ToString(),
                CreatedAt = now, NextAttemptAt = now,
            });
            try
            {
                await context.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (UniqueKey.IsViolatedBy(ex))
            {
                // This day's digest for this member is already in the outbox (they subscribed again today): nothing moves.
                logger.LogInformation("The digest of {Date} for member {UserId} of account {AccountId} was already queued.", date, subscriber.UserId, subscriber.AccountId);
                context.ChangeTracker.Clear();
                return;
            }
        }

        await transaction.CommitAsync(ct);
    }
}
