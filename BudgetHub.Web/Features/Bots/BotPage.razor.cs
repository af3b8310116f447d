using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Enforcement;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Components.Shared;
using BudgetHub.Web.Features.Budgets;
using BudgetHub.Web.Features.Enforcement;
using BudgetHub.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace BudgetHub.Web.Features.Bots;

public sealed partial class BotPage
{
    /// <summary>As typed: null for an empty field, or text that is not a number (which the field shows as 0).</summary>
    private readonly Dictionary<BotCap, decimal?> _caps = BotCap.All.ToDictionary(c => c, _ => (decimal?)0m);
    private readonly Dictionary<BotCap, decimal> _savedCaps = BotCap.All.ToDictionary(c => c, _ => 0m);
    private bool _pauseUntilResumed = true;
    private bool _savedPauseUntilResumed = true;
    private HashSet<BotCap> _turnedOffCaps = [];
    private Dictionary<string, string[]> _errors = [];
    private bool _loading = true;
    private bool _saving;
    private Bot? _bot;
    private BotStatus _status = BotStatus.Active;
    private UsageSnapshot? _usage;
    private List<PolicyStanding> _standings = [];

    /// <summary>Budgets covering the bot that are not its four caps: made on the Budgets page, or the team's or account's.</summary>
    private int _otherBudgets;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private string _name = "";
    private string? _team;

    /// <summary>Pause or Resume, whichever is shown; it takes the focus back when their dialog closes.</summary>
    private MudButton? _pauseOrResume;

    /// <summary>Takes the focus back instead when neither is shown: a resume left the bot stopped by a cap it cannot lift.</summary>
    private MudButton? _why;
    private bool _refocusPauseOrResume;

    [Parameter]
    public string BotId { get; set; } = "";

    [Inject] private BotService Bots { get; set; } = default!;
    [Inject] private BotControl Control { get; set; } = default!;
    [Inject] private PolicyService PolicyRecords { get; set; } = default!;
    [Inject] private IUsageMeter Meter { get; set; } = default!;
    [Inject] private UsageQueries Queries { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    public static string LinkTo(string botId) => "/bots/" + Uri.EscapeDataString(botId);

    /// <summary>A Viewer's fields look read-only (see app.css), not like fields waiting to be typed in.</summary>
    private string ReadOnlyClass => CanManageBudgets ? "" : "bh-readonly";

    /// <summary>"organization-wide" or "team": the cap that stops the bot when its own limit does not.</summary>
    private string StoppingCap => _status.ByAccountCap ? "organization-wide" : "team";

    /// <summary>Resume while it would lift something, Pause while nothing stops the bot; neither while only a cap above it does.</summary>
    private bool ShowsPauseOrResume => _status.ResumeLifts || !_status.Paused;

    private string Subtitle => _bot?.Team is { } team ? $"Team {team} · updates live" : "No team · updates live";

    protected override async Task OnAccountReadyAsync()
    {
        _zone = await Queries.ZoneOfAsync(AccountId);
        await LoadAsync(loadCaps: true);
        _loading = false;
    }

    /// <summary>A policy changed elsewhere (another tab, the API): the caps show it, except those being typed in.</summary>
    private Task OnLiveChangeAsync(LiveTopics topics) => LoadAsync(loadCaps: false, policiesChanged: topics.HasFlag(LiveTopics.Policy));

    /// <param name="loadCaps">Show the saved caps, name and team, dropping what was typed.</param>
    /// <param name="policiesChanged">Show the saved caps in the fields that nobody has typed in.</param>
    private async Task LoadAsync(bool loadCaps, bool policiesChanged = false)
    {
        _bot = await Bots.FindAsync(AccountId, BotId);
        if (_bot is null)
        {
            return;
        }

        _status = Control.StatusOf(AccountId, BotId);
        _usage = Queries.Snapshot(AccountId, Dimension.Bot, BotId);
        var policies = await PolicyRecords.ListAsync(AccountId, PolicyKind.Usage);
        _standings = PolicyStandings.Covering(Meter, AccountId, policies, new Domain.Enforcement.EnforcementSubject(BotId, _bot.Team, null, null));
        var caps = BotCap.All.Select(cap => cap.Find(BotId, policies)?.Id).ToHashSet();
        _otherBudgets = _standings.Count(s => !caps.Contains(s.Record.Id));
        if (loadCaps)
        {
            _name = _bot.Name;
            _team = _bot.Team;
        }

        if (loadCaps || policiesChanged)
        {
            foreach (var cap in BotCap.All)
            {
                var saved = cap.LimitOf(cap.Find(BotId, policies));
                if (loadCaps || _caps[cap] == _savedCaps[cap])
                {
                    _caps[cap] = saved;
                }

                _savedCaps[cap] = saved;
            }

            _turnedOffCaps = BotCap.All.Where(cap => cap.Find(BotId, policies) is { Enabled: false }).ToHashSet();
            var pauseUntilResumed = BotCap.PauseUntilResumed(BotId, policies);
            if (loadCaps || _pauseUntilResumed == _savedPauseUntilResumed)
            {
                _pauseUntilResumed = pauseUntilResumed;
            }

            _savedPauseUntilResumed = pauseUntilResumed;
        }
    }

    /// <summary>
    /// A cap typed at or below what the bot has already used today or this month: saving it pauses the
    /// bot. Only for a changed cap: a saved one has already paused the bot, as the banner says.
    /// </summary>
    private string? AlreadyExceededWarning(BotCap cap)
    {
        if (_caps[cap] is not { } typed || typed == _savedCaps[cap])
        {
            return null;
        }

        var counter = new PolicyCounter(ScopeType.Bot, BotId, cap.Metric, cap.Window, Domain.Budgets.PolicyFilter.None);
        return AlreadyExceeded.Warning(PolicyStandings.CurrentValue(Meter, AccountId, counter, saved: null), cap.CounterLimit(typed), cap.Metric, cap.Window,
            "saving pauses this bot", noun: "cap");
    }

    private async Task OnCapKeyDownAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Enter" && CanManageBudgets)
        {
            await SaveCapsAsync();
        }
    }

    private async Task SaveCapsAsync()
    {
        if (!await EnsureAllowedAsync(Hosting.Policies.ManageBudgets))
        {
            return;
        }

        _saving = true;
        // A field shows an error again only when its Error parameter changes (see PolicyEditorDialog).
        _errors = [];
        await Task.Yield();
        // An empty field, or text that is not a number, is no limit to save: 0 would remove the cap.
        var unreadable = BotCap.All.Where(cap => _caps[cap] is null).ToDictionary(cap => cap.Label, cap => new[]
        {
            cap.Metric == Domain.Usage.Metric.Cost ? "Type an amount in digits, e.g. 25.50, or 0 for no cap." : "Type a number in digits, e.g. 1500, or 0 for no cap.",
        });
        _errors = unreadable.Count > 0 ? unreadable
            : await new BotCapEditor(PolicyRecords).SaveAsync(AccountId, BotId, new BotCapsForm(_caps.ToDictionary(c => c.Key, c => c.Value!.Value), _pauseUntilResumed),
                new BotCapsForm(_savedCaps, _savedPauseUntilResumed), User.GetActorName());
        _saving = false;
        if (_errors.Count == 0)
        {
            Snackbar.Add("Caps saved.", Severity.Success);
        }

        await LoadAsync(loadCaps: _errors.Count == 0);
    }

    /// <summary>
    /// A closed dialog gives the focus back to the button that opened it, but after a pause or a resume that
    /// button is gone (Resume takes Pause's place, and the other way round, or neither shows while a cap that
    /// Resume cannot lift stops the bot): the focus would fall to the page.
    /// </summary>
    private async Task ThenRefocusAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        finally
        {
            _refocusPauseOrResume = true;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_refocusPauseOrResume && (ShowsPauseOrResume ? _pauseOrResume : _why) is { } button)
        {
            _refocusPauseOrResume = false;
            await button.FocusAsync();
        }
    }

    private Task PauseAsync() => ThenRefocusAsync(PauseBotAsync);

    private async Task PauseBotAsync()
    {
        var parameters = new DialogParameters<PauseBotDialog> { { d => d.BotName, _bot!.Name } };
        var dialog = await Dialogs.ShowAsync<PauseBotDialog>("Pause bot", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: PauseChoice choice } || !await EnsureAllowedAsync(Hosting.Policies.ManageBudgets))
        {
            return;
        }

        await Control.PauseAsync(AccountId, BotId, choice.Until(Clock.GetUtcNow(), _zone), choice.Reason, User.GetActorName());
        Snackbar.Add($"{_bot!.Name} is paused: its calls are refused by the enforcement check.", Severity.Info);
        await LoadAsync(loadCaps: false);
    }

    private Task ResumeAsync() => ThenRefocusAsync(ResumeBotAsync);

    private async Task ResumeBotAsync()
    {
        var confirmed = await ConfirmDialog.AskAsync(Dialogs, "Resume bot?",
            $"{_bot!.Name} may make calls again. If it is still over a cap, its next event pauses it again — raise the cap first if needed.", "Resume", destructive: false);
        if (!confirmed || !await EnsureAllowedAsync(Hosting.Policies.ManageBudgets))
        {
            return;
        }

        await Control.ResumeAsync(AccountId, BotId, User.GetActorName());
        await LoadAsync(loadCaps: false);
        if (_status.Paused)
        {
            Snackbar.Add($"{_bot.Name}'s own pause is lifted, but the {StoppingCap} cap still stops it.", Severity.Info);
        }
        else
        {
            Snackbar.Add($"{_bot.Name} is active again.", Severity.Success);
        }
    }

    private async Task SaveSettingsAsync()
    {
        if (string.IsNullOrWhiteSpace(_name))
        {
            Snackbar.Add("Give the bot a name.", Severity.Warning);
            return;
        }

        if (!await EnsureAllowedAsync(Hosting.Policies.ManageBudgets))
        {
            return;
        }

        await Bots.UpdateAsync(AccountId, BotId, _name, _team);
        Snackbar.Add("Saved.", Severity.Success);
        await LoadAsync(loadCaps: false);
    }

    private Task ExplainAsync() => DecisionExplanation.ShowAsync(Dialogs, BotId);
}
