using System.Security.Claims;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BudgetHub.Web.Components.Shared;

/// <summary>
/// A page or panel of one account. Knows who the member is, and re-checks their role on the
/// server before every change: hiding a button is a courtesy, this check is the rule.
/// </summary>
public abstract class AccountComponentBase : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    protected TimeProvider Clock { get; set; } = default!;

    protected ClaimsPrincipal User { get; private set; } = new();

    protected long AccountId { get; private set; }

    protected bool CanManageAccount { get; private set; }

    protected bool CanManageBudgets { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        User = (await AuthenticationState).User;
        AccountId = User.GetAccountId();
        CanManageAccount = await IsAllowedAsync(Policies.ManageAccount);
        CanManageBudgets = await IsAllowedAsync(Policies.ManageBudgets);
        await OnAccountReadyAsync();
    }

    /// <summary>Runs once the member is known; load the page's data here.</summary>
    protected virtual Task OnAccountReadyAsync() => Task.CompletedTask;

    /// <summary>The server-side gate of every change: false (with a message) when the role may not do it.</summary>
    protected async Task<bool> EnsureAllowedAsync(string policy)
    {
        if (await IsAllowedAsync(policy))
        {
            return true;
        }

        Snackbar.Add("Your role in this account does not allow this change.", Severity.Error);
        return false;
    }

    private async Task<bool> IsAllowedAsync(string policy)
    {
        var user = (await AuthenticationState).User;
        return (await Authorization.AuthorizeAsync(user, policy)).Succeeded;
    }
}
