using AlertSeverity = BudgetHub.Domain.Enforcement.Severity;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Notifications;
using BudgetHub.Infrastructure.Usage;
using BudgetHub.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BudgetHub.Web.Features.Notifications;

public enum AlertView
{
    Active,
    Acknowledged,
    All,
}

public sealed partial class NotificationsPage
{
    private List<AlertRecord>? _alerts;
    private DeliveryTrouble? _delivery;
    private HashSet<AlertRecord> _selected = [];
    private AlertView _view = AlertView.Active;
    private AlertSeverity? _severity;
    private string? _bot;

    /// <summary>The Bot filter came from a link to one bot's alerts (<c>?bot=</c>): that bot's, not every bot whose id starts so.</summary>
    private bool _botExact;

    /// <summary>The <c>?bot=</c> last applied, so that a link to another bot (or to all alerts) re-filters the open page.</summary>
    private string? _appliedBotQuery;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private UsageQueries Queries { get; set; } = default!;

    [Inject]
    private DeliveryStatus Delivery { get; set; } = default!;

    /// <summary>A bot's id: the page opens filtered to that bot's alerts (a bot page's "All alerts" links here).</summary>
    [SupplyParameterFromQuery(Name = "bot")]
    public string? BotQuery { get; set; }

    /// <summary>"/notifications?bot=…": the alerts of exactly this bot.</summary>
    public static string LinkTo(string botId) => "/notifications?bot=" + Uri.EscapeDataString(botId);

    protected override async Task OnAccountReadyAsync()
    {
        _zone = await Queries.ZoneOfAsync(AccountId);
        ApplyBotQuery();
        await LoadAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (AccountId != 0 && BotQuery != _appliedBotQuery)
        {
            ApplyBotQuery();
            await LoadAsync();
        }
    }

    private void ApplyBotQuery()
    {
        _appliedBotQuery = BotQuery;
        _bot = string.IsNullOrWhiteSpace(BotQuery) ? null : BotQuery.Trim();
        _botExact = _bot is not null;
    }

    private async Task OnLiveChangeAsync(LiveTopics topics)
    {
        var focusedAlert = await FocusedAlertAsync();
        await LoadAsync();
        // An acknowledgement's own request, not yet carried out, comes first.
        FocusAfterRender ??= focusedAlert is null ? null : [$"[data-alert-id='{focusedAlert}']", "[data-testid=ack]"];
    }

    /// <summary>The alert whose Acknowledge button has the focus, if one has.</summary>
    private async Task<string?> FocusedAlertAsync()
    {
        try
        {
            return await JS.InvokeAsync<string?>("budgetHub.focusedAttribute", "data-alert-id");
        }
        catch (JSDisconnectedException)
        {
            return null;
        }
    }

    private async Task OnViewChangedAsync(AlertView view)
    {
        _view = view;
        await LoadAsync();
    }

    private async Task OnSeverityChangedAsync(AlertSeverity? severity)
    {
        _severity = severity;
        await LoadAsync();
    }

    private async Task OnBotChangedAsync(string? bot)
    {
        _bot = string.IsNullOrWhiteSpace(bot) ? null : bot.Trim();
        await LeaveBotLinkAsync();
    }

    private async Task ClearFiltersAsync()
    {
        _severity = null;
        _bot = null;
        await LeaveBotLinkAsync();
    }

    /// <summary>A Bot filter typed or cleared by hand searches by the start of ids again, and a reload no longer brings the link's bot back.</summary>
    private async Task LeaveBotLinkAsync()
    {
        _botExact = false;
        if (BotQuery is not null)
        {
            _appliedBotQuery = null;
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("bot", (string?)null), replace: true);
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        bool? acknowledged = _view switch { AlertView.Active => false, AlertView.Acknowledged => true, _ => null };
        var loaded = await ListAsync(new AlertFilter(acknowledged, _severity, _bot, Limit: 200, BotKeyStartsWith: !_botExact));
        // The table keys its rows by item: an alert unchanged since the last load keeps its object, so its
        // row, and a keyboard focus in it, stay put instead of being rendered anew.
        var shown = (_alerts ?? []).ToDictionary(a => a.Id);
        _alerts = loaded.Select(alert => shown.TryGetValue(alert.Id, out var before) && Unchanged(before, alert) ? before : alert).ToList();
        _delivery = await Delivery.TroubleAsync(AccountId);
        var visible = _alerts.Select(a => a.Id).ToHashSet();
        _selected = _selected.Where(a => visible.Contains(a.Id)).ToHashSet();
    }

    private string DeliveryText(DeliveryTrouble trouble)
    {
        var retrying = trouble.Retrying == 0 ? ""
            : $"{Plural(trouble.Retrying, "notification")} could not be sent yet; BudgetHub tries again {Format.Until(new DateTimeOffset(trouble.NextAttemptAt!.Value, TimeSpan.Zero), Clock.GetUtcNow(), _zone)}. ";
        var gaveUp = trouble.GaveUp == 0 ? "" : $"{Plural(trouble.GaveUp, "notification")} of the last week could not be sent at all. ";
        return $"{retrying}{gaveUp}Last error: {trouble.LastError}";
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>Acknowledging and resolving are the only changes an alert goes through.</summary>
    private static bool Unchanged(AlertRecord before, AlertRecord now) =>
        before.AcknowledgedAt == now.AcknowledgedAt && before.AcknowledgedBy == now.AcknowledgedBy && before.ResolvedAt == now.ResolvedAt;

    /// <summary>The select-all box: checked when every alert shown is selected, mixed when some are.</summary>
    private bool? AllSelected => _selected.Count == 0 ? false : _selected.Count == _alerts?.Count ? true : null;

    private void SelectAll(bool? on) => _selected = on == true ? [.. _alerts ?? []] : [];

    private void Select(AlertRecord alert, bool on)
    {
        if (on)
        {
            _selected.Add(alert);
        }
        else
        {
            _selected.Remove(alert);
        }
    }

    private Task AcknowledgeSelectedAsync() => AcknowledgeAndFocusAsync(_selected.Select(a => a.Id).ToList());

    private async Task AcknowledgeAndFocusAsync(List<long> ids)
    {
        if (!await AcknowledgeAsync(ids))
        {
            return;
        }

        _selected.Clear();
        await LoadAsync();
        FocusAfterRender = ["[data-testid=ack]", ".mud-toggle-group .mud-toggle-item"];
    }
}
