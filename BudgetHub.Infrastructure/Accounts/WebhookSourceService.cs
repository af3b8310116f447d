using System.Collections.Concurrent;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>The secrets a webhook request may be signed with, and the account it feeds.</summary>
public sealed record WebhookSecrets(long AccountId, string SourceId, IReadOnlyList<string> Secrets);

/// <summary>
/// Creates, rotates and deletes signed webhook sources; resolves them from memory for ingestion,
/// and remembers their last use there (written by a recurring job, off the hot path).
/// </summary>
public sealed class WebhookSourceService(AccountDb db, TimeProvider clock)
{
    /// <summary>How long a rotated-out secret keeps verifying, so senders can switch without loss.</summary>
    public static readonly TimeSpan RotationGrace = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<string, (WebhookSource Source, DateTime LoadedAt)> _cache = new(StringComparer.Ordinal);
    private readonly LastUses<string> _used = new();

    public async Task<WebhookSource> CreateAsync(long accountId, string name, CancellationToken ct = default) =>
        await CreateAsync(accountId, name, Secrets.NewToken("src_", 16), Secrets.NewWebhookSecret(), ct);

    internal async Task<WebhookSource> CreateAsync(long accountId, string name, string sourceId, string secret, CancellationToken ct)
    {
        await using var context = db.For(accountId);
        var source = new WebhookSource
        {
            SourceId = sourceId,
            Name = name.Trim(),
            Secret = secret,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        context.WebhookSources.Add(source);
        await context.SaveChangesAsync(ct);
        _cache.TryRemove(sourceId, out _);
        return source;
    }

    public async Task<IReadOnlyList<WebhookSource>> ListAsync(long accountId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var sources = await context.WebhookSources.AsNoTracking().OrderBy(s => s.CreatedAt).ToListAsync(ct);
        foreach (var source in sources)
        {
            source.LastUsedAt = _used.LatestOf(source.SourceId, source.LastUsedAt);
        }

        return sources;
    }

    public async Task<WebhookSource?> RotateSecretAsync(long accountId, long id, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var source = await context.WebhookSources.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (source is null)
        {
            return null;
        }

        source.PreviousSecret = source.Secret;
        source.PreviousSecretExpiresAt = clock.GetUtcNow().UtcDateTime + RotationGrace;
        source.Secret = Secrets.NewWebhookSecret();
        await context.SaveChangesAsync(ct);
        _cache.TryRemove(source.SourceId, out _);
        return source;
    }

    public async Task<bool> DeleteAsync(long accountId, long id, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var source = await context.WebhookSources.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (source is null)
        {
            return false;
        }

        context.WebhookSources.Remove(source);
        await context.SaveChangesAsync(ct);
        _cache.TryRemove(source.SourceId, out _);
        _used.Forget(source.SourceId);
        return true;
    }

    public async ValueTask<WebhookSecrets?> ResolveAsync(string sourceId, CancellationToken ct = default)
    {
        if (sourceId.Length is 0 or > 64)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (!_cache.TryGetValue(sourceId, out var cached) || now - cached.LoadedAt > TimeSpan.FromMinutes(1))
        {
            await using var context = db.System();
            var source = await context.WebhookSources.IgnoreQueryFilters().AsNoTracking()
                .FirstOrDefaultAsync(s => s.SourceId == sourceId, ct);
            if (source is null)
            {
                // Misses are not remembered: unsigned requests name any ids they like.
                _cache.TryRemove(sourceId, out _);
                return null;
            }

            cached = (source, now);
            _cache[sourceId] = cached;
        }

        var found = cached.Source;
        var secrets = found.PreviousSecret is { } previous && found.PreviousSecretExpiresAt > now
            ? new[] { found.Secret, previous }
            : [found.Secret];
        return new WebhookSecrets(found.AccountId, found.SourceId, secrets);
    }

    /// <summary>How many sources are held in memory.</summary>
    internal int CachedCount => _cache.Count;

    /// <summary>Remembers that a request signed for the source was accepted.</summary>
    public void RecordUse(WebhookSecrets source) => _used.Record(source.SourceId, clock.GetUtcNow());

    /// <summary>Writes the remembered last-use times; run by a recurring job.</summary>
    public Task FlushLastUsedAsync(CancellationToken ct = default) =>
        _used.FlushAsync(db, (context, sourceId, usedAt) => context.WebhookSources.IgnoreQueryFilters()
            .Where(s => s.SourceId == sourceId && (s.LastUsedAt == null || s.LastUsedAt < usedAt))
            .ExecuteUpdateAsync(s => s.SetProperty(source => source.LastUsedAt, usedAt), ct));
}
