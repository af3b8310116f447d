namespace BudgetHub.Web.Hosting;

/// <summary>Turns true once the database is migrated and the counters are loaded; <c>/health</c> reports it.</summary>
internal sealed class Readiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>The account that start-up bootstrapped on an empty database, if any.</summary>
    public long? Bootstrapped { get; set; }

    public Task WhenReady => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();
}
