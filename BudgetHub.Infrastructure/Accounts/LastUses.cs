using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>
/// When each credential was last used, kept in memory so the hot path never writes the database;
/// a recurring job writes them. A busy credential overwrites its time in place, so no lock.
/// </summary>
internal sealed class LastUses<TKey> where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, StrongBox<long>> _ticks = new();

    public void Record(TKey key, DateTimeOffset now) =>
        Volatile.Write(ref _ticks.GetOrAdd(key, static _ => new()).Value, now.UtcTicks);

    /// <summary>The later of the stored last use and the one remembered since start.</summary>
    public DateTime? LatestOf(TKey key, DateTime? stored) =>
        _ticks.TryGetValue(key, out var ticks) && UtcOf(ticks) is var used && (stored is null || used > stored) ? used : stored;

    /// <summary>Writes each remembered use with <paramref name="write"/>, in one system-wide context.</summary>
    public async Task FlushAsync(AccountDb db, Func<BudgetHubDbContext, TKey, DateTime, Task> write)
    {
        if (_ticks.IsEmpty)
        {
            return;
        }

        await using var context = db.System();
        foreach (var (key, ticks) in _ticks)
        {
            await write(context, key, UtcOf(ticks));
        }
    }

    public void Forget(TKey key) => _ticks.TryRemove(key, out _);

    private static DateTime UtcOf(StrongBox<long> ticks) => new(Volatile.Read(ref ticks.Value), DateTimeKind.Utc);
}
