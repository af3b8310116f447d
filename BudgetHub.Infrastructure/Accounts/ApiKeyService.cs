using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Accounts;

public sealed record ApiKeyIdentity(long KeyId, long AccountId);

public sealed record CreatedApiKey(ApiKey Key, string Plaintext);

/// <summary>
/// Issues, lists and revokes API keys, and authenticates bearer keys from memory: the hash
/// lookup is cached so the ingestion hot path never waits on the database for it.
/// </summary>
public sealed class ApiKeyService(AccountDb db, TimeProvider clock)
{
    public const string KeyPrefix = "bh_";
    private readonly ConcurrentDictionary<string, ApiKeyIdentity?> _byHash = new(StringComparer.Ordinal);
    /// <summary>Last use per key in UTC ticks, overwritten in place: every request of a busy key writes it, so no lock.</summary>
    private readonly ConcurrentDictionary<long, StrongBox<long>> _lastUse = new();

    public async Task<CreatedApiKey> CreateAsync(long accountId, string name, string createdBy, CancellationToken ct = default) =>
        await CreateAsync(accountId, name, createdBy, Secrets.NewToken(KeyPrefix), ct);

    internal async Task<CreatedApiKey> CreateAsync(long accountId, string name, string createdBy, string plaintext, CancellationToken ct)
    {
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
        _byHash.TryRemove(key.Hash, out _);
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
        _byHash.TryRemove(key.Hash, out _);
        return true;
    }

    public async ValueTask<ApiKeyIdentity?> AuthenticateAsync(string plaintext, CancellationToken ct = default)
    {
        if (!plaintext.StartsWith(KeyPrefix, StringComparison.Ordinal) || plaintext.Length > 200)
        {
            return null;
        }

        var hash = Secrets.Sha256Hex(plaintext);
        if (!_byHash.TryGetValue(hash, out var identity))
        {
            await using var context = db.System();
            identity = await context.ApiKeys.IgnoreQueryFilters().AsNoTracking()
                .Where(k => k.Hash == hash && k.RevokedAt == null)
                .Select(k => new ApiKeyIdentity(k.Id, k.AccountId))
                .FirstOrDefaultAsync(ct);
            _byHash[hash] = identity;
        }

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

    private static DateTime UtcOf(StrongBox<long> ticks) => new(Volatile.Read(ref ticks.Value), DateTimeKind.Utc);
}
