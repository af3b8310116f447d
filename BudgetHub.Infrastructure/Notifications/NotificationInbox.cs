using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>A member's in-app notifications: the bell's count, its list, and marking them read.</summary>
public sealed class NotificationInbox(AccountDb db, ILiveUpdates live, TimeProvider clock)
{
    public async Task<int> UnreadCountAsync(long accountId, string userId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        return await context.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);
    }

    public async Task<IReadOnlyList<InAppNotification>> LatestAsync(long accountId, string userId, int count = 10, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        return await context.Notifications.AsNoTracking().Where(n => n.UserId == userId)
            .OrderByDescending(n => n.Id).Take(count).ToListAsync(ct);
    }

    public async Task MarkAllReadAsync(long accountId, string userId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var now = clock.GetUtcNow().UtcDateTime;
        await context.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        live.Publish(accountId, LiveTopics.Alert);
    }
}
