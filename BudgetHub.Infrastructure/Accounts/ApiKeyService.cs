using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Accounts;

public sealed record ApiKeyIdentity(long KeyId, long AccountId);

public sealed record CreatedApiKey(ApiKey Key, string Plaintext);

/// <summary>
/// Issues, lists and revokes API keys, and authenticates bearer keys from memory: every active
/// key's hash is loaded once, so neither a valid key nor a flood of invalid ones reaches the database.
/// </summary>
public sealed class ApiKeyService(AccountDb db, TimeProvider clock)
{
    public const string KeyPrefix = "bh_";
    private readonly Lock _loading = new();
    private Task<ConcurrentDictionary<string, ApiKeyIdentity>>? _active;
    /// <summary>Last use per key in UTC ticks, overwritten in place: every request of a busy key writes it, so no lock.</summary>
    private readonly ConcurrentDictionary<long, StrongBox<long>> _lastUse = new();

    public async Task<CreatedApiKey> CreateAsync(long accountId, string name, string createdBy, CancellationToken ct = default) =>
        await CreateAsync(accountId, name, createdBy, Secrets.NewToken(KeyPrefix), ct);

    internal async Task<CreatedApiKey> CreateAsync(long accountId, string name, string createdBy, string plaintext, CancellationToken ct)
    {
        // Loaded first, so a key is never saved that this instance would then refuse.
        var active = await ActiveAsync();
        await using var context = db.For(accountId);
        var key = new ApiKey
        {
            Name = name.Trim(),
            Prefix = plaintext[..Math.Min(plaintext.Length, 10)],
            Hash = Secrets.Sha256Hex(plaintext),
            CreatedBy = createdBy,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        context.ApiKeys.Add(key);
        await context.SaveChangesAsync(ct);
        active[key.Hash] = new ApiKeyIdentity(key.Id, accountId);
        return new CreatedApiKey(key, plaintext);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(long accountId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var keys = await context.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        foreach (var key in keys)
        {
            if (_lastUse.TryGetValue(key.Id, out var box) && UtcOf(box) is var used && (key.LastUsedAt is null || used > key.LastUsedAt))
            {
                key.LastUsedAt = used;
            }
        }

        return keys;
    }

    /// <returns>false when the key does not exist in this account or was already revoked.</returns>
    public async Task<bool> RevokeAsync(long accountId, long keyId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var key = await context.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.RevokedAt == null, ct);
        if (key is null)
        {
            return false;
        }

        key.RevokedAt = clock.GetUtcNow().UtcDateTime;
        await context.SaveChangesAsync(ct);
        (await ActiveAsync()).TryRemove(key.Hash, out _);
        return true;
    }

    public async ValueTask<ApiKeyIdentity?> AuthenticateAsync(string plaintext)
    {
        if (!plaintext.StartsWith(KeyPrefix, StringComparison.Ordinal) || plaintext.Length > 200)
        {
            return null;
        }

        (await ActiveAsync()).TryGetValue(Secrets.Sha256Hex(plaintext), out var identity);
        if (identity is not null)
        {
            Volatile.Write(ref _lastUse.GetOrAdd(identity.KeyId, static _ => new StrongBox<long>()).Value, clock.GetUtcNow().UtcTicks);
        }

        return identity;
    }

    /// <summary>Writes the remembered last-use times; run by a recurring job, off the hot path.</summary>
    public async Task FlushLastUsedAsync(CancellationToken ct = default)
    {
        if (_lastUse.IsEmpty)
        {
            return;
        }

        await using var context = db.System();
        foreach (var (keyId, box) in _lastUse.ToArray())
        {
            var usedAt = UtcOf(box);
            await context.ApiKeys.IgnoreQueryFilters()
                .Where(k => k.Id == keyId && (k.LastUsedAt == null || k.LastUsedAt < usedAt))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, usedAt), ct);
        }
    }

    /// <summary>The active keys by hash, loaded once on first use (and again if that load failed).</summary>
    private Task<ConcurrentDictionary<string, ApiKeyIdentity>> ActiveAsync()
    {
        var current = Volatile.Read(ref _active);
        if (current is { IsFaulted: false, IsCanceled: false })
        {
            return current;
        }

        lock (_loading)
        {
            if (_active is null || _active.IsFaulted || _active.IsCanceled)
            {
                _active = LoadActiveAsync();
            }

            return _active;
        }
    }

    private async Task<ConcurrentDictionary<string, ApiKeyIdentity>> LoadActiveAsync()
    {
        await using var context = db.System();
        var keys = await context.ApiKeys.IgnoreQueryFilters().AsNoTracking()
            .Where(k => k.RevokedAt == null)
            .Select(k => new { k.Hash, Identity = new ApiKeyIdentity(k.Id, k.AccountId) })
            .ToListAsync();
        return new ConcurrentDictionary<string, ApiKeyIdentity>(keys.Select(k => KeyValuePair.Create(k.Hash, k.Identity)), StringComparer.Ordinal);
    }

    private static DateTime UtcOf(StrongBox<long> ticks) => new(Volatile.Read(ref ticks.Value), DateTimeKind.Utc);
}
