using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BudgetHub.Web.Tests;

/// <summary>The one shared bUnit context: MudBlazor's services and a loose JS runtime (MudBlazor calls JS freely).</summary>
public abstract class MudBunitContext : BunitContext
{
    protected MudBunitContext()
    {
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }
}
