using System.Collections.Concurrent;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>The in-memory state of every account, loaded on start-up (and on first use for a new account).</summary>
internal sealed class MeterRegistry(MeterStateLoader loader, CounterStore counters)
{
    private readonly ConcurrentDictionary<long, Lazy<AccountMeterState>> _accounts = new();

    public AccountMeterState Get(long accountId) =>
        _accounts.GetOrAdd(accountId, id => new Lazy<AccountMeterState>(() => loader.Load(id))).Value;

    public IEnumerable<AccountMeterState> Loaded => _accounts.Values.Where(l => l.IsValueCreated).Select(l => l.Value);

    public void LoadAll()
    {
        foreach (var accountId in loader.AllAccountIds())
        {
            Get(accountId);
        }
    }

    /// <summary>Throws away what memory holds for the account and reads it again (after a failed write).</summary>
    public AccountMeterState Reload(long accountId)
    {
        counters.RemoveAccount(accountId);
        _accounts[accountId] = new Lazy<AccountMeterState>(() => loader.Load(accountId));
        return Get(accountId);
    }
}
