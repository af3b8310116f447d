using BudgetHub.Domain.Enforcement;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>A unit of work for the meter's single writer. Items queued together commit together.</summary>
internal abstract record MeterWork(long AccountId);

internal sealed record IngestWork(long AccountId, IReadOnlyList<UsageEventInput> Events) : MeterWork(AccountId)
{
    public TaskCompletionSource<IngestOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Log the account's waiting <see cref="ChecksToLog"/>. Nobody waits for it.</summary>
internal sealed record CheckLogWork(long AccountId) : MeterWork(AccountId);

/// <summary>Re-read policies, blocks and settings; lift blocks that no longer hold (after a policy, pause or settings change).</summary>
internal sealed record ReloadWork(long AccountId) : MeterWork(AccountId)
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Work for the writer as a whole rather than for one account; its caller waits for it.</summary>
internal abstract record WriterWork() : MeterWork(AccountId: 0)
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Store the counters still held in memory (before a report reads the stored ones, or when the app goes quiet).</summary>
internal sealed record FlushWork() : WriterWork;

/// <summary>Forget what memory holds for end users and minutes that no window reads any more (see <see cref="IdleMemory"/>).</summary>
internal sealed record TidyWork() : WriterWork;

/// <summary>At start-up, once every account is loaded: lift the restored blocks that their policies no longer hold.</summary>
internal sealed record ReviewRestoredBlocksWork() : WriterWork;
