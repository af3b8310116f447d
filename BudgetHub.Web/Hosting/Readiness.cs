namespace BudgetHub.Web.Hosting;

/// <summary>Turns true once the database is migrated and the counters are loaded; <c>/health</c> reports it.</summary>
internal sealed class Readiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
