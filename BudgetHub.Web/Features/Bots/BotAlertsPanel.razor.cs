using AlertText = BudgetHub.Web.Features.Notifications.AlertText;
using BudgetHub.Domain.Budgets;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Notifications;
using Microsoft.AspNetCore.Components;

namespace BudgetHub.Web.Features.Bots;

public sealed partial class BotAlertsPanel
{
    /// <summary>Enough for a bot's page; the rest are one click away, under All alerts.</summary>
    internal const int Shown = 20;

    private IReadOnlyList<AlertRecord>? _alerts;
    private bool _more;
    private string? _loadedFor;

    [Parameter, EditorRequired]
    public string BotId { get; set; } = "";

    /// <summary>The account's time zone, in which windows start.</summary>
    [Parameter]
    public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    protected override async Task OnParametersSetAsync()
    {
        if (BotId != _loadedFor)
        {
            await LoadAsync();
        }
    }

    private Task OnLiveChangeAsync(LiveTopics topics) => LoadAsync();

    /// <summary>The same alerts as <c>GET /api/v1/alerts?botId=…&amp;status=active</c>: the bot's own, and those its usage raised for its team, account or users.</summary>
    private async Task LoadAsync()
    {
        _loadedFor = BotId;
        var alerts = await ListAsync(new AlertFilter(Acknowledged: false, BotKey: BotId, Limit: Shown + 1));
        _more = alerts.Count > Shown;
        _alerts = alerts.Take(Shown).ToList();
    }

    /// <summary>"whole organization", "team support", "user u-14": whom an alert is for, when not this bot itself.</summary>
    private string? ScopeNote(AlertRecord alert) =>
        alert.ScopeType == ScopeType.Bot && alert.ScopeKey == BotId ? null : AlertText.Scope(alert);

    private Task AcknowledgeAllAsync() => AcknowledgeAndReloadAsync(_alerts?.Select(a => a.Id).ToList() ?? []);

    private async Task AcknowledgeAndReloadAsync(IReadOnlyCollection<long> ids)
    {
        if (await AcknowledgeAsync(ids))
        {
            await LoadAsync();
            FocusAfterRender = ["[data-testid=bot-alert-ack]", "[data-testid=bot-alerts-all]"];
        }
    }
}
