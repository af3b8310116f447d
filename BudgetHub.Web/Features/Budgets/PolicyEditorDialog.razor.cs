using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Components.Shared;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace BudgetHub.Web.Features.Budgets;

/// <summary>
/// Creates or edits one usage policy: a budget of any scope, a tier template or a per-user override
/// (<see cref="PolicyPreset"/>). The policy service validates; its errors show beside their fields.
/// </summary>
public partial class PolicyEditorDialog : AccountComponentBase
{
    /// <summary>The API's field paths, as the validator keys its errors.</summary>
    private static class Fields
    {
        public const string Name = "name";
        public const string ScopeId = "scope.id";
        public const string Limit = "limit";
        public const string WindowUnit = "window.unit";
        public const string WindowDuration = "window.duration";
        public const string Thresholds = "thresholds";
        public const string BlockFor = "blockFor";
        public const string Action = "action";
        public const string Recipients = "notify.recipients";
        public const string WebhookUrl = "notify.webhookUrl";
        public const string FilterModel = "filter.model";
        public const string FilterCategory = "filter.category";
    }

    private static readonly string[] PlacedFields =
    [
        Fields.Name, Fields.ScopeId, Fields.Limit, Fields.WindowUnit, Fields.WindowDuration, Fields.Thresholds, Fields.BlockFor,
        Fields.Action, Fields.Recipients, Fields.WebhookUrl, Fields.FilterModel, Fields.FilterCategory,
    ];

    private PolicyForm _form = new();
    private FieldErrors _errors = FieldErrors.None;
    private ScopeSuggestions _suggestions = ScopeSuggestions.Empty;
    private decimal? _thresholdDraft;
    private string? _thresholdDraftError;
    private bool _advancedOpen;
    private bool _saving;
    private bool _accountReady;
    private IReadOnlyList<PolicyRecord> _otherPolicies = [];
    private bool _scopeListOpen;
    private MudAutocomplete<string> _scopeIdField = default!;
    private bool _enterInScopeId;
    private string _openedAs = "";
    private bool _askingToDiscard;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private PolicyService PolicyService { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private BotService Bots { get; set; } = default!;

    [Inject]
    private UsageQueries Usage { get; set; } = default!;

    [Inject]
    private IUsageMeter Meter { get; set; } = default!;

    [Parameter]
    public PolicyPreset Preset { get; set; }

    /// <summary>The policy to edit; null to create one.</summary>
    [Parameter]
    public PolicyRecord? Existing { get; set; }

    /// <returns>The stored policy, or null when the dialog was cancelled.</returns>
    public static async Task<PolicyRecord?> ShowAsync(IDialogService dialogs, PolicyPreset preset, PolicyRecord? existing)
    {
        var parameters = new DialogParameters<PolicyEditorDialog>
        {
            { d => d.Preset, preset },
            { d => d.Existing, existing },
        };
        // Escape is the dialog's own (CloseOnKey), so that it can ask before discarding what was typed.
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true, CloseOnEscapeKey = false };
        var dialog = await dialogs.ShowAsync<PolicyEditorDialog>(TitleOf(preset, existing), parameters, options);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: PolicyRecord saved } ? saved : null;
    }

    private string Title => TitleOf(Preset, Existing);

    /// <summary>A new tier template or override starts from its tier or user id; everything else from its name.</summary>
    private bool ScopeIdFirst => Preset != PolicyPreset.Budget && Existing is null;

    private string SaveText => Existing is null ? CreateText : "Save changes";

    private string CreateText => Preset switch
    {
        PolicyPreset.TierTemplate => "Create template",
        PolicyPreset.UserOverride => "Create override",
        _ => "Create budget",
    };

    private string ScopeIdLabel => _form.ScopeType switch
    {
        ScopeType.Team => "Team",
        ScopeType.Bot => "Bot id",
        ScopeType.Tier => "Tier label",
        _ => "User id",
    };

    private string ScopeHint => _form.ScopeType switch
    {
        ScopeType.Account => "Every bot of the organization counts toward this limit together.",
        ScopeType.Team => "Every bot of the team counts toward this limit together.",
        ScopeType.Bot => "This bot alone.",
        ScopeType.Tier => "The limit applies to each user of the tier separately. Use the exact tier label your code sends with events.",
        _ => "One end user, on every bot. An override replaces the user's tier template entirely.",
    };

    /// <summary>A hard limit that the scope's usage of this window already reaches: said before saving, which stays allowed.</summary>
    private string? AlreadyExceededWarning => _accountReady && _form is { HardLimit: true, Enabled: true } && _form.Counter is { } counter && _form.CounterLimit is { } limit
        ? AlreadyExceeded.Warning(PolicyStandings.CurrentValue(Meter, AccountId, counter, Existing), limit, counter.Metric, counter.Window,
            AlreadyExceeded.Consequence(counter.Scope, counter.Key))
        : null;

    /// <summary>
    /// Another enabled budget that counts the same thing (scope, metric, window and filter): both would
    /// alert, email and block on their own, which is seldom meant. Said before saving, which stays allowed.
    /// </summary>
    private string? TwinWarning => _accountReady && _form.Counter is { } counter
        && _otherPolicies.FirstOrDefault(p => p.Enabled && PolicyCounter.Of(p) == counter) is { } twin
        ? $"“{twin.Name}” already counts the same usage in the same period. Both would apply: each raises its own alerts and emails, "
            + "and each hard limit blocks on its own. Change that budget instead, unless you want both."
        : null;

    private string LimitLabel => _form.Metric == Metric.Cost ? "Limit (USD)" : $"Limit ({_form.Metric.ToString().ToLowerInvariant()})";

    private static string TitleOf(PolicyPreset preset, PolicyRecord? existing) => (preset, existing) switch
    {
        (PolicyPreset.TierTemplate, null) => "New tier template",
        (PolicyPreset.TierTemplate, _) => "Edit tier template",
        (PolicyPreset.UserOverride, null) => "New per-user override",
        (PolicyPreset.UserOverride, _) => "Edit per-user override",
        (_, null) => "Create budget",
        _ => "Edit budget",
    };

    protected override void OnInitialized()
    {
        _form = Existing is null ? PolicyForm.For(Preset) : PolicyForm.From(PolicyValidator.ToInput(Existing));
        _advancedOpen = _form.HasFilter;
        _openedAs = _form.Fingerprint();
    }

    protected override async Task OnAccountReadyAsync()
    {
        _suggestions = await ScopeSuggestions.LoadAsync(Bots, Usage, AccountId, Clock.GetUtcNow());
        _otherPolicies = [.. (await PolicyService.ListAsync(AccountId, PolicyKind.Usage)).Where(p => p.Id != Existing?.Id)];
        var names = await PolicyService.NamesAsync(AccountId);
        _form.OtherNames = Existing is null ? names : names.Where(name => !PolicyNames.Same(name, Existing.Name)).ToList();
        _accountReady = true;
    }

    private void OnScopeTypeChanged(ScopeType type)
    {
        if (type != _form.ScopeType)
        {
            _form.ScopeType = type;
            _form.ScopeId = null;
            // The title (with the scope's icon) is rendered by the dialog container, which does not re-render with this component.
            Dialog.StateHasChanged();
        }
    }

    private void OnScopeIdKeyDown(KeyboardEventArgs args) => _enterInScopeId = args.Key is "Enter" or "NumpadEnter";

    private Task<IEnumerable<string>> SearchScopeIdsAsync(string? text, CancellationToken ct) =>
        Task.FromResult(_suggestions.Search(_form.ScopeType, text));

    /// <summary>Enter in a field: adds a typed alert percentage if there is one, else saves.</summary>
    private async Task SubmitOnEnterAsync()
    {
        // Enter in the open suggestion list picks a suggestion (on key-up); the browser submits the form on key-down all the same.
        // The list stays open when the focus leaves the field, so only an Enter typed in the field itself is held back.
        if (_scopeListOpen && _enterInScopeId)
        {
            _enterInScopeId = false;
            return;
        }

        var (added, error) = _form.AddThreshold(_thresholdDraft);
        if (added || error is not null)
        {
            TakeThresholdDraft(added, error);
            return;
        }

        await SaveAsync();
    }

    private void AddThresholdDraft()
    {
        var (added, error) = _form.AddThreshold(_thresholdDraft);
        TakeThresholdDraft(added, error);
    }

    /// <summary>A typed percentage that was added leaves the field; one that was not stays, with its error.</summary>
    private void TakeThresholdDraft(bool added, string? error)
    {
        _thresholdDraftError = error;
        if (added)
        {
            _thresholdDraft = null;
        }
    }

    private async Task SaveAsync()
    {
        if (_saving)
        {
            return;
        }

        var (added, error) = _form.AddThreshold(_thresholdDraft);
        TakeThresholdDraft(added, error);
        if (error is not null)
        {
            return;
        }

        // Taken before the first await: a second click (or Enter) while this save is checked or written does nothing.
        _saving = true;
        var closing = false;
        try
        {
            if (!await EnsureAllowedAsync(Policies.ManageBudgets))
            {
                return;
            }

            // A field shows an error again only when its Error parameter changes: after the user's
            // edit hid it, the same error would otherwise come back unseen.
            _errors = FieldErrors.None;
            await Task.Yield();
            var input = _form.ToInput();
            var change = Existing is null
                ? await PolicyService.CreateAsync(AccountId, input, User.GetActorName())
                : await PolicyService.UpdateAsync(AccountId, Existing.Id, input, User.GetActorName());
            if (change is null)
            {
                Snackbar.Add("This policy was deleted in the meantime.", Severity.Warning);
                closing = true;
                Dialog.Cancel();
            }
            else if (change.Succeeded)
            {
                closing = true;
                Dialog.Close(DialogResult.Ok(change.Policy));
            }
            else
            {
                _errors = new FieldErrors(PolicyFormMessages.Of(change.Errors, ScopeIdLabel));
                _advancedOpen |= _errors.Has(Fields.FilterModel, Fields.FilterCategory);
            }
        }
        finally
        {
            // Refused, invalid or failed: the person may correct and save again. A closing dialog saves nothing more.
            _saving = closing;
        }
    }

    private void Cancel() => Dialog.Cancel();

    /// <summary>Escape closes the dialog, after asking when something was typed or changed: a stray key must not lose it.</summary>
    private async Task CloseOnKeyAsync(KeyboardEventArgs args)
    {
        // With the suggestion list open, Escape is the list's (KeepsEscapeInLists); one that got here anyway must not ask.
        if (args.Key != "Escape" || _askingToDiscard || _scopeListOpen)
        {
            return;
        }

        if (_form.Fingerprint() == _openedAs && _thresholdDraft is null)
        {
            Dialog.Cancel();
            return;
        }

        _askingToDiscard = true;
        try
        {
            var noun = Preset switch { PolicyPreset.TierTemplate => "tier template", PolicyPreset.UserOverride => "override", _ => "budget" };
            var message = Existing is null ? $"What you entered is lost and no {noun} is created." : $"Your changes to this {noun} are lost.";
            if (await ConfirmDialog.AskAsync(Dialogs, "Discard changes?", message, "Discard", cancelText: "Keep editing"))
            {
                Dialog.Cancel();
            }
        }
        finally
        {
            _askingToDiscard = false;
        }
    }
}
