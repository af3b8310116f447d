using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Common;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>
/// Recurring alert work: alerts resolve when their window ends; forecast alerts warn once per
/// window when the pace projects the limit to be crossed before the window ends. Both idempotent.
/// </summary>
internal sealed class AlertMaintenance(
    AccountDb db, DatabaseLocation database, IUsageMeter meter, AlertWriter writer, OutboxKick outbox, ILiveUpdates live, TimeProvider clock)
{
    public async Task ResolveEndedAsync(CancellationToken ct)
    {
        await using var context = db.System();
        var now = clock.GetUtcNow().UtcDateTime;
        await context.Alerts.IgnoreQueryFilters().Where(a => a.ResolvedAt == null && a.WindowEnd <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ResolvedAt, now), ct);
    }

    public async Task ForecastAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<long> accounts;
        await using (var context = db.System())
        {
            accounts = await context.Accounts.Select(a => a.Id).ToListAsync(ct);
        }

        await using var connection = database.Open();
        foreach (var accountId in accounts)
        {
            var zone = await ZoneAsync(accountId, ct);
            var raised = false;
            foreach (var standing in meter.Standings(accountId).Where(s => s.Policy.Window is WindowSpec.Fixed { Unit: not CalendarUnit.Hour } && s.Policy.Scope.Type != ScopeType.Tier))
            {
                if (BurnRate.Of(standing.Value, standing.Policy.Limit, standing.Window, now) is not { ExceedsBeforeEnd: true } rate)
                {
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(ct);
                var alert = new AlertRecord
                {
                    AccountId = accountId, PolicyId = standing.Policy.Id, PolicyName = standing.Policy.Name, Kind = AlertKind.Forecast,
                    ScopeType = standing.Instance.Type, ScopeKey = standing.Instance.Key,
                    BotKey = standing.Instance.Type == ScopeType.Bot ? standing.Instance.Key : null,
                    UserId = standing.Instance.Type == ScopeType.User ? standing.Instance.Key : null,
                    Metric = standing.Policy.Metric.ToString().ToLowerInvariant(), Window = standing.Policy.Window.Label,
                    WindowStart = standing.Window.Start.UtcDateTime, WindowEnd = standing.Window.End.UtcDateTime, Threshold = 100,
                    Severity = Severity.Warning, Value = rate.ProjectedAtEnd, Limit = standing.Policy.Limit, CreatedAt = now.UtcDateTime,
                };
                raised |= writer.Raise(connection, transaction, alert, await ChannelsAsync(accountId, standing.Policy.Id, ct), zone) is not null;
                await transaction.CommitAsync(ct);
            }

            if (raised)
            {
                live.Publish(accountId, LiveTopics.Alert);
                outbox.Kick();
            }
        }
    }

    private async Task<PolicyChannels> ChannelsAsync(long accountId, long policyId, CancellationToken ct)
    {
        await using var context = db.For(accountId);
        var row = await context.Policies.AsNoTracking().FirstAsync(p => p.Id == policyId, ct);
        return new PolicyChannels(row.NotifyEmail, row.NotifyRecipients.Split(',', StringSplitOptions.RemoveEmptyEntries), row.NotifyInApp, row.WebhookUrl);
    }

    private async Task<TimeZoneInfo> ZoneAsync(long accountId, CancellationToken ct)
    {
        await using var context = db.For(accountId);
        return MeterStateLoader.ZoneOf(await context.Accounts.Where(a => a.Id == accountId).Select(a => a.TimeZone).FirstOrDefaultAsync(ct));
    }
}
