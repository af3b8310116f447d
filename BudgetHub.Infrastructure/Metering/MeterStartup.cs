using BudgetHub.Infrastructure.Usage;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// Loads prices and, once the writer has recounted what a crash left uncounted, every account's counters,
/// then lifts the blocks that no longer hold, before the app reports ready.
/// </summary>
internal sealed class MeterStartup(MeterRegistry registry, PriceCatalog prices, MeterWriter writer)
{
    public async Task LoadAsync(CancellationToken ct = default)
    {
        await prices.LoadOverridesAsync(ct);
        await writer.Recovered.WaitAsync(ct);
        registry.LoadAll();
        var review = new ReviewRestoredBlocksWork();
        if (!writer.TryEnqueue(review))
        {
            throw new InvalidOperationException("The meter is not accepting work: the app is shutting down.");
        }

        await review.Done.Task.WaitAsync(ct);
    }
}
