using System.Collections.Concurrent;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>The in-memory state of every account, loaded on start-up (and on first use for a new account).</summary>
internal sealed class MeterRegistry(MeterStateLoader loader, CounterStore counters)
{
    private readonly ConcurrentDictionary<long, Lazy<AccountMeterState>> _accounts = new();

    /// <remarks>A load that failed (the database was unreachable) is not remembered: the next use loads again.</remarks>
    public AccountMeterState Get(long accountId)
    {
        var state = _accounts.GetOrAdd(accountId, id => new Lazy<AccountMeterState>(() => loader.Load(id)));
        try
        {
            return state.Value;
        }
        catch
        {
            _accounts.TryRemove(KeyValuePair.Create(accountId, state));
            throw;
        }
    }

    public IEnumerable<AccountMeterState> Loaded => _accounts.Values.Where(l => l.IsValueCreated).Select(l => l.Value);

    public void LoadAll()
    {
        foreach (var accountId in loader.AllAccountIds())
        {
            Get(accountId);
        }
    }

    /// <summary>
    /// Throws away what memory holds for the account, to be read again when next used: after a failed write,
    /// when the database may be unreachable for a while.
    /// </summary>
    public void Forget(long accountId)
    {
        counters.RemoveAccount(accountId);
        _accounts.TryRemove(accountId, out _);
    }

    /// <summary>Throws away what memory holds for the account and reads it again.</summary>
    public AccountMeterState Reload(long accountId)
    {
        counters.RemoveAccount(accountId);
        _accounts[accountId] = new Lazy<AccountMeterState>(() => loader.Load(accountId));
        return Get(accountId);
    }
}
