using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Web.Components.Shared;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace BudgetHub.Web.Features.Notifications;

/// <summary>A list of alerts that people acknowledge, as far as their role allows, and whose deleted budgets it knows.</summary>
public abstract class AlertListBase : AccountComponentBase
{
    [Inject]
    protected AlertService Alerts { get; set; } = default!;

    [Inject]
    protected IJSRuntime JS { get; set; } = default!;

    /// <summary>
    /// Where the focus goes after the next render (the first selector that matches), or null to leave it:
    /// an acknowledgement removes the button that had it, and a live update re-renders the rows.
    /// </summary>
    protected string[]? FocusAfterRender { get; set; }

    /// <summary>The listed alerts' policies that were deleted since: no link leads to them.</summary>
    protected IReadOnlySet<long> DeletedBudgets { get; private set; } = new HashSet<long>();

    protected bool IsBudgetDeleted(AlertRecord alert) => DeletedBudgets.Contains(alert.PolicyId);

    protected string? ResolutionOf(AlertRecord alert) => AlertText.Resolution(alert, IsBudgetDeleted(alert));

    protected async Task<IReadOnlyList<AlertRecord>> ListAsync(AlertFilter filter)
    {
        var alerts = await Alerts.ListAsync(AccountId, filter);
        DeletedBudgets = await Alerts.DeletedPoliciesAsync(AccountId, alerts);
        return alerts;
    }

    /// <returns>Whether the member's role allowed it (then the alerts are acknowledged, and a message says how many).</returns>
    protected async Task<bool> AcknowledgeAsync(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0 || !await EnsureAllowedAsync(Policies.ManageBudgets))
        {
            return false;
        }

        var count = await Alerts.AcknowledgeAsync(AccountId, ids, User.GetActorName());
        Snackbar.Add(count == 1 ? "Alert acknowledged." : $"{count} alerts acknowledged.", Severity.Success);
        return true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (FocusAfterRender is { } selectors)
        {
            FocusAfterRender = null;
            await JS.InvokeVoidAsync("budgetHub.focusFirst", (object)selectors);
        }
    }
}
