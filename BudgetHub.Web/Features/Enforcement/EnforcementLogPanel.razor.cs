using BudgetHub.Domain.Budgets;
using BudgetHub.Infrastructure.Budgets;
using BudgetHub.Infrastructure.Enforcement;
using BudgetHub.Infrastructure.Usage;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BudgetHub.Web.Features.Enforcement;

/// <summary>The enforcement log, newest first: filtered by action, bot and user, paged, and live.</summary>
public partial class EnforcementLogPanel
{
    public const int PageSize = 25;

    private List<EnforcementLogRow>? _rows;
    private long? _nextCursor;
    private HashSet<long> _arrived = [];
    private IReadOnlyList<string> _bots = [];
    private Dictionary<long, PolicyRecord> _policies = [];
    private string? _action;
    private string? _bot;
    private string? _user;
    private bool _loadingMore;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    [Inject]
    private EnforcementLogQueries Log { get; set; } = default!;

    [Inject]
    private BotService Bots { get; set; } = default!;

    [Inject]
    private PolicyService PolicyService { get; set; } = default!;

    [Inject]
    private UsageQueries Usage { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private bool IsFiltered => _action is not null || _bot is not null || _user is not null;

    protected override async Task OnAccountReadyAsync()
    {
        _zone = await Usage.ZoneOfAsync(AccountId);
        await LoadBotsAsync();
        await LoadFirstPageAsync();
    }

    private async Task LoadFirstPageAsync()
    {
        var page = await Log.ListAsync(AccountId, _bot, _user, _action, PageSize, before: null, userIdStartsWith: true);
        _rows = [.. page.Rows];
        _nextCursor = page.NextCursor;
        _arrived = [];
    }

    private async Task LoadMoreAsync()
    {
        if (_nextCursor is not { } cursor || _rows is null)
        {
            return;
        }

        _loadingMore = true;
        try
        {
            var page = await Log.ListAsync(AccountId, _bot, _user, _action, PageSize, cursor, userIdStartsWith: true);
            _rows.AddRange(page.Rows.Where(r => _rows.All(existing => existing.Id != r.Id)));
            _nextCursor = page.NextCursor;
        }
        finally
        {
            _loadingMore = false;
        }
    }

    /// <summary>
    /// New rows were logged (or repeats folded into a row): re-read as many of the newest rows as are
    /// shown, so counts update in place and new rows slide in on top.
    /// </summary>
    private async Task RefreshHeadAsync()
    {
        if (_rows is null)
        {
            return;
        }

        var shown = Math.Clamp(_rows.Count, PageSize, EnforcementLogQueries.MaxPage);
        var newestShown = _rows.Count > 0 ? _rows[0].Id : 0;
        var page = await Log.ListAsync(AccountId, _bot, _user, _action, shown, before: null, userIdStartsWith: true);
        _arrived = page.Rows.Where(r => r.Id > newestShown).Select(r => r.Id).ToHashSet();
        _rows = [.. page.Rows];
        _nextCursor = page.NextCursor;
        if (_rows.Any(r => !_bots.Contains(r.BotKey)))
        {
            await LoadBotsAsync();
        }
    }

    private async Task LoadBotsAsync() => _bots = (await Bots.ListAsync(AccountId)).Select(b => b.Key).ToList();

    private Task OnActionChangedAsync(string? action)
    {
        _action = action;
        return LoadFirstPageAsync();
    }

    private Task OnBotChangedAsync(string? bot)
    {
        _bot = bot;
        return LoadFirstPageAsync();
    }

    private Task OnUserChangedAsync(string? user)
    {
        _user = string.IsNullOrWhiteSpace(user) ? null : user.Trim();
        return LoadFirstPageAsync();
    }

    /// <summary>
    /// Opens "Why?" for the row's bot and user, with the tier when a tier template logged it; for a log-only row, also
    /// why that call went through and what would have blocked it.
    /// </summary>
    private async Task ExplainAsync(EnforcementLogRow row)
    {
        if (row.PolicyId is { } policyId && !_policies.ContainsKey(policyId))
        {
            _policies = (await PolicyService.ListAsync(AccountId, PolicyKind.Usage)).ToDictionary(p => p.Id);
        }

        var tier = row.PolicyId is { } id && _policies.TryGetValue(id, out var policy) && policy.ScopeType == ScopeType.Tier ? policy.ScopeKey : null;
        await DecisionExplanation.ShowAsync(Dialogs, row.BotKey, row.UserId, tier, row.Action == LogRowText.DryRun ? row : null);
    }

    private string RowClass(EnforcementLogRow row, int index) => _arrived.Contains(row.Id) ? "bh-row-arrived" : "";
}
