using System.Runtime.InteropServices;
using BudgetHub.Domain.Usage;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// One account's counter increments that memory has and the database not yet, summed per row.
/// The writer stores them every few hundred milliseconds under load (at once when idle), so a
/// busy row is written once per flush instead of once per commit. Writer only.
/// </summary>
internal sealed class PendingCounters
{
    private readonly Dictionary<CounterKey, (UsageAmounts Amounts, long Unpriced)> _deltas = [];

    public int Count => _deltas.Count;

    public void Add(CounterKey key, UsageAmounts amounts, bool unpriced)
    {
        if (!EventCounting.IsStored(key.Granularity))
        {
            return;
        }

        ref var delta = ref CollectionsMarshal.GetValueRefOrAddDefault(_deltas, key, out _);
        delta = (delta.Amounts + amounts, delta.Unpriced + (unpriced ? 1 : 0));
    }

    public void WriteTo(MeterStatements statements)
    {
        foreach (var (key, (amounts, unpriced)) in _deltas)
        {
            statements.AddToCounter(key, amounts, unpriced);
        }
    }

    public void Clear() => _deltas.Clear();
}
