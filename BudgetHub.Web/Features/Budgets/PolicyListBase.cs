using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Web.Components.Shared;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BudgetHub.Web.Features.Budgets;

/// <summary>
/// A list of usage policies with the changes people make to them: create, edit, enable or disable,
/// delete. Every change is checked against the member's role on the server before it is made.
/// </summary>
public abstract class PolicyListBase : AccountComponentBase
{
    [Inject]
    protected PolicyService PolicyService { get; set; } = default!;

    [Inject]
    protected IDialogService Dialogs { get; set; } = default!;

    /// <summary>What a list of policies follows live: policies changed anywhere (another tab, the API), and the counters.</summary>
    protected const LiveTopics ListTopics = LiveTopics.Policy | LiveTopics.Counters;

    /// <summary>Re-reads the policies after a change.</summary>
    protected abstract Task ReloadAsync();

    /// <summary>Re-reads where the listed policies stand this window, from memory, without the database.</summary>
    protected abstract void RefreshStandings();

    protected Task OnLiveChangeAsync(LiveTopics topics)
    {
        if (topics.HasFlag(LiveTopics.Policy))
        {
            return ReloadAsync();
        }

        RefreshStandings();
        return Task.CompletedTask;
    }

    protected async Task CreateAsync(PolicyPreset preset)
    {
        if (!await EnsureAllowedAsync(Policies.ManageBudgets))
        {
            return;
        }

        if (await PolicyEditorDialog.ShowAsync(Dialogs, preset, existing: null) is { } created)
        {
            Snackbar.Add($"\"{created.Name}\" created.", Severity.Success);
            await ReloadAsync();
        }
    }

    protected async Task EditAsync(PolicyRecord policy, PolicyPreset preset)
    {
        if (!await EnsureAllowedAsync(Policies.ManageBudgets))
        {
            return;
        }

        if (await PolicyEditorDialog.ShowAsync(Dialogs, preset, policy) is { } saved)
        {
            Snackbar.Add($"\"{saved.Name}\" saved.", Severity.Success);
            await ReloadAsync();
        }
    }

    protected async Task SetEnabledAsync(PolicyRecord policy, bool enabled)
    {
        if (!await EnsureAllowedAsync(Policies.ManageBudgets))
        {
            return;
        }

        if (await PolicyService.SetEnabledAsync(AccountId, policy.Id, enabled, User.GetActorName()))
        {
            Snackbar.Add(enabled ? $"\"{policy.Name}\" is enforced again." : $"\"{policy.Name}\" is disabled: it no longer counts against its limit.",
                enabled ? Severity.Success : Severity.Info);
        }
        else
        {
            Snackbar.Add("That policy no longer exists.", Severity.Warning);
        }

        await ReloadAsync();
    }

    protected async Task DeleteAsync(PolicyRecord policy)
    {
        var confirmed = await ConfirmDialog.AskAsync(Dialogs,
            $"Delete \"{policy.Name}\"?",
            "Its limit stops applying at once and any block it holds is lifted. Its history stays in the audit log. This cannot be undone.", "Delete");
        if (!confirmed || !await EnsureAllowedAsync(Policies.ManageBudgets))
        {
            return;
        }

        if (await PolicyService.DeleteAsync(AccountId, policy.Id, User.GetActorName()))
        {
            Snackbar.Add($"\"{policy.Name}\" deleted.", Severity.Success);
        }

        await ReloadAsync();
    }
}
