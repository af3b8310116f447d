using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Enforcement;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Usage;
using Microsoft.AspNetCore.Components;

namespace BudgetHub.Web.Features.Bots;

public sealed record BotRow(Bot Bot, BotStatus Status, UsageSnapshot Usage)
{
    // One bot is one row: a live update changes it in place (see PolicyStanding).
    public bool Equals(BotRow? other) => other is not null && other.Bot.Key == Bot.Key;

    public override int GetHashCode() => Bot.Key.GetHashCode(StringComparison.Ordinal);
}

public sealed partial class BotsPage
{
    private List<BotRow>? _rows;
    private string? _search;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    [Inject]
    private BotService Bots { get; set; } = default!;

    [Inject]
    private BotControl Control { get; set; } = default!;

    [Inject]
    private UsageQueries Queries { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnAccountReadyAsync()
    {
        _zone = await Queries.ZoneOfAsync(AccountId);
        await LoadAsync();
    }

    private Task OnLiveChangeAsync(LiveTopics topics) => LoadAsync();

    private async Task LoadAsync() =>
        _rows = (await Bots.ListAsync(AccountId))
            .Select(b => new BotRow(b, Control.StatusOf(AccountId, b.Key), Queries.Snapshot(AccountId, Dimension.Bot, b.Key)))
            .ToList();

    private bool Matches(BotRow row) =>
        string.IsNullOrWhiteSpace(_search)
        || row.Bot.Key.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || row.Bot.Name.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || (row.Bot.Team?.Contains(_search, StringComparison.OrdinalIgnoreCase) ?? false);

    private void Open(BotRow row) => Navigation.NavigateTo(BotPage.LinkTo(row.Bot.Key));
}
