using System.Collections.Concurrent;
using System.Security.Claims;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>An active key: whose it is, and the caller it makes, built once per key rather than per request.</summary>
public sealed class ApiKeyIdentity(long keyId, long accountId, string name)
{
    public long KeyId { get; } = keyId;

    public long AccountId { get; } = accountId;

    /// <summary>An Admin of the account. Shared by every request with the key: nothing may change it.</summary>
    public ClaimsPrincipal Principal { get; } = AccountClaims.ForApiKey(keyId, accountId, name);
}

public sealed record CreatedApiKey(ApiKey Key, string Plaintext);

/// <summary>
/// Issues, lists and revokes API keys, and authenticates bearer keys from memory: every key's hash
/// is loaded once, so neither a valid key nor a flood of invalid or revoked ones reaches the database.
/// A key that proved valid is remembered as sent, so a busy key is hashed once, not on every request.
/// </summary>
public sealed class ApiKeyService(AccountDb db, TimeProvider clock)
{
    public const string KeyPrefix = "bh_";
    private const int MaxRemembered = 10_000;
    private readonly Lock _loading = new();
    private Task<KnownKeys>? _known;
    /// <summary>Keys that proved valid, by plaintext. A revocation removes its key under <see cref="_remembering"/>.</summary>
    private readonly ConcurrentDictionary<string, ApiKeyIdentity> _remembered = new(StringComparer.Ordinal);
    private readonly Lock _remembering = new();
    /// <summary>Every key used since start, by id, for the last-use flush and the list (a revoked key's last use still shows).</summary>
    private readonly LastUses<long> _used = new();

    public async Task<CreatedApiKey> CreateAsync(long accountId, string name, string createdBy, CancellationToken ct = default) =>
        await CreateAsync(accountId, name, createdBy, Secrets.NewToken(KeyPrefix), ct);

    internal async Task<CreatedApiKey> CreateAsync(long accountId, string name, string createdBy, string plaintext, CancellationToken ct)
    {
        // Loaded first, so a key is never saved that this instance would then refuse.
        var known = await KnownAsync();
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
        known.Active[key.Hash] = new ApiKeyIdentity(key.Id, accountId, key.Name);
        return new CreatedApiKey(key, plaintext);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(long accountId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var keys = await context.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        foreach (var key in keys)
        {
            key.LastUsedAt = _used.LatestOf(key.Id, key.LastUsedAt);
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

        var revokedAt = clock.GetUtcNow().UtcDateTime;
        key.RevokedAt = revokedAt;
        await context.SaveChangesAsync(ct);
        var known = await KnownAsync();
        known.Revoked[key.Hash] = revokedAt;
        known.Active.TryRemove(key.Hash, out _);
        lock (_remembering)
        {
            foreach (var (plaintext, identity) in _remembered)
            {
                if (identity.KeyId == keyId)
                {
                    _remembered.TryRemove(plaintext, out _);
                }
            }
        }

        return true;
    }

    public ValueTask<ApiKeyIdentity?> AuthenticateAsync(string plaintext) =>
        _remembered.TryGetValue(plaintext, out var identity) ? new(Used(identity)) : AuthenticateByHashAsync(plaintext);

    /// <summary>When a refused key was revoked (UTC), or null for a key that never existed. Only the refusal asks, so a valid key never waits for it.</summary>
    public async ValueTask<DateTime?> RevokedAtAsync(string plaintext) =>
        IsKeyShaped(plaintext) && (await KnownAsync()).Revoked.TryGetValue(Secrets.Sha256Hex(plaintext), out var revokedAt) ? revokedAt : null;

    private static bool IsKeyShaped(string plaintext) => plaintext.StartsWith(KeyPrefix, StringComparison.Ordinal) && plaintext.Length <= 200;

    private async ValueTask<ApiKeyIdentity?> AuthenticateByHashAsync(string plaintext)
    {
        if (!IsKeyShaped(plaintext))
        {
            return null;
        }

        var active = (await KnownAsync()).Active;
        var hash = Secrets.Sha256Hex(plaintext);
        if (!active.TryGetValue(hash, out var identity))
        {
            return null;
        }

        lock (_remembering)
        {
            // Checked again under the lock: a key revoked since the lookup above must not be remembered.
            if (_remembered.Count < MaxRemembered && active.ContainsKey(hash))
            {
                _remembered[plaintext] = identity;
            }
        }

        return Used(identity);
    }

    private ApiKeyIdentity Used(ApiKeyIdentity identity)
    {
        _used.Record(identity.KeyId, clock.GetUtcNow());
        return identity;
    }

    /// <summary>Writes the remembered last-use times; run by a recurring job, off the hot path.</summary>
    public Task FlushLastUsedAsync(CancellationToken ct = default) =>
        _used.FlushAsync(db, (context, keyId, usedAt) => context.ApiKeys.IgnoreQueryFilters()
            .Where(k => k.Id == keyId && (k.LastUsedAt == null || k.LastUsedAt < usedAt))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, usedAt), ct));

    /// <summary>Every key by hash, loaded once on first use (and again if that load failed).</summary>
    private Task<KnownKeys> KnownAsync()
    {
        var current = Volatile.Read(ref _known);
        if (current is { IsFaulted: false, IsCanceled: false })
        {
            return current;
        }

        lock (_loading)
        {
            if (_known is null || _known.IsFaulted || _known.IsCanceled)
            {
                _known = LoadKnownAsync();
            }

            return _known;
        }
    }

    private async Task<KnownKeys> LoadKnownAsync()
    {
        await using var context = db.System();
        var keys = await context.ApiKeys.IgnoreQueryFilters().AsNoTracking()
            .Select(k => new { k.Hash, k.Id, k.AccountId, k.Name, k.RevokedAt })
            .ToListAsync();
        return new KnownKeys(
            new(keys.Where(k => k.RevokedAt is null).Select(k => KeyValuePair.Create(k.Hash, new ApiKeyIdentity(k.Id, k.AccountId, k.Name))), StringComparer.Ordinal),
            new(keys.Where(k => k.RevokedAt is not null).Select(k => KeyValuePair.Create(k.Hash, k.RevokedAt!.Value)), StringComparer.Ordinal));
    }

    /// <summary>The active keys' identities and the revoked keys' revocation times, by hash.</summary>
    private sealed record KnownKeys(ConcurrentDictionary<string, ApiKeyIdentity> Active, ConcurrentDictionary<string, DateTime> Revoked);
}
