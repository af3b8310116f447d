using BudgetHub.Domain.Usage;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// One account's counters whose increments memory has and the database not yet; each cell sums its
/// own. The writer stores them every few hundred milliseconds under load (at once when idle), so a
/// busy row is written once per flush instead of once per commit. Writer only.
/// </summary>
internal sealed class PendingCounters
{
    private readonly List<(CounterKey Key, CounterCell Cell)> _cells = [];

    public int Count => _cells.Count;

    public void Add(CounterKey key, CounterCell cell, UsageAmounts amounts, bool unpriced)
    {
        if (!EventCounting.IsStored(key.Granularity))
        {
            return;
        }

        if (cell.Pending is not { } pending)
        {
            _cells.Add((key, cell));
            pending = (UsageAmounts.Zero, 0);
        }

        cell.Pending = (pending.Amounts + amounts, pending.Unpriced + (unpriced ? 1 : 0));
    }

    public void WriteTo(MeterStatements statements)
    {
        foreach (var (key, cell) in _cells)
        {
            var (amounts, unpriced) = cell.Pending!.Value;
            statements.AddToCounter(key, amounts, unpriced);
        }
    }

    public void Clear()
    {
        foreach (var (_, cell) in _cells)
        {
            cell.Pending = null;
        }

        _cells.Clear();
    }
}
