using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BudgetHub.Web.Tests;

/// <summary>
/// The one shared bUnit context: MudBlazor's services and a loose JS runtime (MudBlazor calls JS freely).
/// Disposed asynchronously, because some MudBlazor services (used by tables) can only be disposed that way.
/// </summary>
public abstract class MudBunitContext : BunitContext, IAsyncLifetime
{
    protected MudBunitContext()
    {
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
