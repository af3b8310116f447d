using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Retention;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Components.Shared;
using BudgetHub.Web.Features.Budgets;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BudgetHub.Web.Features.Accounts.Settings;

public sealed partial class RetentionPolicyDialog : IDisposable
{
    private const int MaxDays = 3650;
    private static readonly DurationUnit[] KeepUnits = [DurationUnit.Hours, DurationUnit.Days];

    /// <summary>The API's field paths, as the validator keys its errors.</summary>
    private static class Fields
    {
        public const string Name = "name";
        public const string ScopeId = "scope.id";
        public const string MaxAge = "maxAge";
    }

    private static readonly string[] PlacedFields = [Fields.Name, Fields.ScopeId, Fields.MaxAge];

    private FieldErrors _errors = FieldErrors.None;
    private IReadOnlyList<string> _otherNames = [];
    private string _name = "";
    private bool _wholeAccount = true;
    private string? _botId;
    private DurationPick _keep = new() { Amount = 30, Unit = DurationUnit.Days };
    private (DurationPick Shown, TimeSpan Saved)? _savedAge;
    private IReadOnlyList<string> _bots = [];
    private bool _saving;
    private RetentionRun? _wouldGo;
    private CancellationTokenSource? _counting;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private PolicyService PolicyRecords { get; set; } = default!;

    [Inject]
    private RetentionJob Retention { get; set; } = default!;

    [Inject]
    private BudgetHub.Infrastructure.Usage.BotService Bots { get; set; } = default!;

    /// <summary>The policy to edit; null to add one.</summary>
    [Parameter]
    public PolicyRecord? Existing { get; set; }

    /// <summary>"Keep 30 days", or "Keep 12 hours · bot support-bot"; never a name another policy has.</summary>
    private string SuggestedName => PolicyNames.Free(
        $"Keep {(KeepFor is { } age && IsKeepable(age) ? Format.Duration(age) : "30 days")}" + (_wholeAccount || string.IsNullOrWhiteSpace(_botId) ? "" : $" · bot {_botId.Trim()}"), _otherNames);

    /// <summary>The age picked; a policy saved elsewhere keeps its exact age (PT90M, P1DT12H) while the field is left as shown.</summary>
    private TimeSpan? KeepFor => _savedAge is { } saved && _keep.ToTimeSpan() == saved.Shown.ToTimeSpan() ? saved.Saved : _keep.ToTimeSpan();

    private string KeepText => KeepFor is { } age ? Format.Duration(age) : "";

    private static bool IsKeepable(TimeSpan age) => age >= TimeSpan.FromHours(1) && age <= TimeSpan.FromDays(MaxDays);

    /// <summary>Bot ids are not checked: a policy may be set up before its bot sends usage. Saying so spares a typo going unnoticed.</summary>
    private string? BotHelp => string.IsNullOrWhiteSpace(_botId) || _bots.Contains(_botId.Trim(), StringComparer.Ordinal)
        ? null
        : "No bot with this id has sent usage yet: the policy applies once it does.";

    private Task<IEnumerable<string>> SearchBotsAsync(string? text, CancellationToken ct) =>
        Task.FromResult(string.IsNullOrWhiteSpace(text) ? _bots : _bots.Where(bot => bot.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)));

    protected override void OnInitialized()
    {
        if (Existing is { } existing)
        {
            _name = existing.Name;
            _wholeAccount = existing.ScopeType == BudgetHub.Domain.Budgets.ScopeType.Account;
            _botId = _wholeAccount ? null : existing.ScopeKey;
            var saved = TimeSpan.FromSeconds(existing.MaxAgeSeconds ?? 30 * 86400);
            _keep = DurationPick.From(saved);
            _savedAge = (DurationPick.From(saved), saved);
        }
    }

    protected override async Task OnAccountReadyAsync()
    {
        var names = await PolicyRecords.NamesAsync(AccountId);
        _otherNames = Existing is null ? names : names.Where(name => !PolicyNames.Same(name, Existing.Name)).ToList();
        _bots = (await Bots.ListAsync(AccountId)).Select(bot => bot.Key).ToList();
        await CountWhatWouldGoAsync();
    }

    /// <summary>
    /// Counts what the policy as typed would delete, a moment after the typing stops (the count reads
    /// every event of the account). Nothing is said while a field is incomplete.
    /// </summary>
    private async Task CountWhatWouldGoAsync()
    {
        _counting?.Cancel();
        _wouldGo = null;
        if (KeepFor is not { } age || !IsKeepable(age) || (!_wholeAccount && string.IsNullOrWhiteSpace(_botId)))
        {
            return;
        }

        // Not disposed: a later keystroke cancels it, and one without a timer holds nothing.
        var counting = _counting = new CancellationTokenSource();
        var bot = _wholeAccount ? null : _botId!.Trim();
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), Clock, counting.Token);
            var run = await Retention.PreviewAsync(AccountId, bot, age, counting.Token);
            if (!counting.IsCancellationRequested)
            {
                _wouldGo = run;
            }
        }
        catch (OperationCanceledException)
        {
            // A newer count replaced this one.
        }
    }

    public void Dispose() => _counting?.Cancel();

    private async Task SaveAsync()
    {
        if (_saving)
        {
            return;
        }

        _saving = true;
        try
        {
            // A field shows an error again only when its Error parameter changes (see PolicyEditorDialog).
            _errors = FieldErrors.None;
            await Task.Yield();
            if (KeepFor is not { } age || !IsKeepable(age))
            {
                _errors = new FieldErrors(new Dictionary<string, string[]> { [Fields.MaxAge] = [$"Keep data for 1 hour to {MaxDays} days."] });
                return;
            }

            if (!await EnsureAllowedAsync(Policies.ManageAccount))
            {
                return;
            }

            var input = new PolicyInput
            {
                Name = string.IsNullOrWhiteSpace(_name) ? SuggestedName : _name.Trim(),
                Kind = PolicyKind.Retention,
                ScopeType = _wholeAccount ? BudgetHub.Domain.Budgets.ScopeType.Account : BudgetHub.Domain.Budgets.ScopeType.Bot,
                ScopeId = _wholeAccount ? null : _botId?.Trim(),
                MaxAge = BudgetHub.Domain.Common.IsoDuration.Format(age),
                Enabled = Existing?.Enabled ?? true,
            };
            var change = Existing is null
                ? await PolicyRecords.CreateAsync(AccountId, input, User.GetActorName())
                : await PolicyRecords.UpdateAsync(AccountId, Existing.Id, input, User.GetActorName());
            if (change is null)
            {
                Snackbar.Add("This retention policy was deleted in the meantime.", Severity.Warning);
                Dialog.Cancel();
            }
            else if (change.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(change.Policy));
            }
            else
            {
                _errors = new FieldErrors(PolicyFormMessages.Of(change.Errors));
            }
        }
        finally
        {
            _saving = false;
        }
    }
}
