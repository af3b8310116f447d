using BudgetHub.Web.Features.Accounts.Settings;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Web.Tests.Features;

public sealed class SettingsPageTests : MudBunitContext
{
    [Theory]
    [InlineData("nosuch")]
    [InlineData("billing")]
    public void SettingsPage_AnUnknownTab_IsNotFound_NotGeneralInDisguise(string tab)
    {
        var notFound = 0;
        Services.GetRequiredService<NavigationManager>().OnNotFound += (_, _) => notFound++;

        var cut = Render<SettingsPage>(p => p.Add(c => c.Tab, tab));

        Assert.Equal(1, notFound);
        Assert.Empty(cut.FindAll(".mud-tabs"));
    }
}
