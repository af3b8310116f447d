using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Notifications;

/// <param name="BotKeyStartsWith">The page's search box: <paramref name="BotKey"/> is the start of the bots' ids, in any case.</param>
public sealed record AlertFilter(bool? Acknowledged = null, Severity? Severity = null, string? BotKey = null, long? PolicyId = null, int Limit = 100, long? BeforeId = null,
    bool BotKeyStartsWith = false);

/// <summary>Alerts as people read and acknowledge them.</summary>
public sealed class AlertService(AccountDb db, ILiveUpdates live, TimeProvider clock)
{
    public const int MaxPage = 500;

    public async Task<IReadOnlyList<AlertRecord>> ListAsync(long accountId, AlertFilter filter, CancellationToken ct = default) =>
        (await PageAsync(accountId, filter, ct)).Rows;

    public async Task<Page<AlertRecord>> PageAsync(long accountId, AlertFilter filter, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var query = context.Alerts.AsNoTracking();
        if (filter.Acknowledged is { } acknowledged)
        {
            query = acknowledged ? query.Where(a => a.AcknowledgedAt != null) : query.Where(a => a.AcknowledgedAt == null);
        }

        if (filter.Severity is { } severity)
        {
            query = query.Where(a => a.Severity == severity);
        }

        if (filter.BotKey is { } bot)
        {
            query = filter.BotKeyStartsWith
                ? query.Where(PrefixSearch.Where<AlertRecord>(context, bot, (a, startsWith) => startsWith(a.BotKey) || (a.ScopeType == Domain.Budgets.ScopeType.Bot && startsWith(a.ScopeKey))))
                : query.Where(a => a.BotKey == bot || (a.ScopeType == Domain.Budgets.ScopeType.Bot && a.ScopeKey == bot));
        }

        if (filter.PolicyId is { } policy)
        {
            query = query.Where(a => a.PolicyId == policy);
        }

        if (filter.BeforeId is { } before)
        {
            query = query.Where(a => a.Id < before);
        }

        return await Page<AlertRecord>.ReadAsync(query.OrderByDescending(a => a.Id), Math.Clamp(filter.Limit, 1, MaxPage), a => a.Id, ct);
    }

    public async Task<AlertRecord?> GetAsync(long accountId, long id, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        return await context.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
    }

    /// <summary>The policies of <paramref name="alerts"/> that no longer exist: their alerts name a budget nobody can open.</summary>
    public async Task<IReadOnlySet<long>> DeletedPoliciesAsync(long accountId, IEnumerable<AlertRecord> alerts, CancellationToken ct = default)
    {
        var ids = alerts.Select(a => a.PolicyId).ToHashSet();
        await using var context = db.For(accountId);
        var existing = await context.Policies.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        ids.ExceptWith(existing);
        return ids;
    }

    /// <summary>Acknowledges the alerts and marks their in-app notifications read, together.</summary>
    /// <returns>How many of the alerts were acknowledged now (already acknowledged ones keep who and when).</returns>
    public async Task<int> AcknowledgeAsync(long accountId, IReadOnlyCollection<long> ids, string actor, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var now = clock.GetUtcNow().UtcDateTime;
        var count = await context.WriteAtomicallyAsync(async () =>
        {
            var acknowledged = await context.Alerts.Where(a => ids.Contains(a.Id) && a.AcknowledgedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.AcknowledgedAt, now).SetProperty(a => a.AcknowledgedBy, actor), ct);
            await context.Notifications.Where(n => n.AlertId != null && ids.Contains(n.AlertId.Value) && n.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
            return acknowledged;
        }, ct);
        live.Publish(accountId, LiveTopics.Alert);
        return count;
    }
}
