using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>A notification in the bell, with the alert it is about (which says whom it concerns); null when it is about none.</summary>
public sealed record InboxItem(InAppNotification Notification, AlertRecord? Alert);

/// <summary>A member's in-app notifications: the bell's count, its list, and marking them read.</summary>
public sealed class NotificationInbox(AccountDb db, ILiveUpdates live, TimeProvider clock)
{
    public async Task<int> UnreadCountAsync(long accountId, string userId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        return await context.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);
    }

    public async Task<IReadOnlyList<InboxItem>> LatestAsync(long accountId, string userId, int count = 10, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var latest = context.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.Id).Take(count);
        var items = await (from notification in latest
                           join alert in context.Alerts.AsNoTracking() on notification.AlertId equals (long?)alert.Id into alerts
                           from alert in alerts.DefaultIfEmpty()
                           select new InboxItem(notification, alert)).ToListAsync(ct);
        return items.OrderByDescending(i => i.Notification.Id).ToList();
    }

    public async Task MarkAllReadAsync(long accountId, string userId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var now = clock.GetUtcNow().UtcDateTime;
        await context.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        live.Publish(accountId, LiveTopics.Alert);
    }
}
