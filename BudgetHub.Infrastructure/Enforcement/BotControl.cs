using BudgetHub.Domain.Budgets;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Persistence;
using BudgetHub.Infrastructure.Usage;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Enforcement;

/// <summary>A bot's status as people see it: active, or paused — by whom, why and until when.</summary>
/// <param name="ResumeLifts">
/// Whether resuming the bot lifts something that holds: a pause by hand or a block of the bot's own limit.
/// False when only the organization's or its team's caps stop it, which a resume leaves in place.
/// </param>
public sealed record BotStatus(bool Paused, DateTimeOffset? PausedUntil, string? Reason, ScopeType? BlockedAt, bool ManualPause, bool ResumeLifts)
{
    public static readonly BotStatus Active = new(false, null, null, null, false, false);

    /// <summary>True when the account-wide cap (not the bot's own limit) is what stops it.</summary>
    public bool ByAccountCap => BlockedAt == ScopeType.Account;
}

/// <summary>Pauses and resumes bots by hand, and says why a bot is paused.</summary>
public sealed class BotControl(AccountDb db, IUsageMeter meter, TimeProvider clock)
{
    public BotStatus StatusOf(long accountId, string botKey)
    {
        var subject = new EnforcementSubject(botKey, meter.TeamOf(accountId, botKey), null, null);
        var holding = meter.ActiveBlocks(accountId)
            .Where(b => b.Target.Type is ScopeType.Account or ScopeType.Team or ScopeType.Bot && b.Covers(subject))
            .OrderBy(b => b.Target.Type)
            .ToList();
        if (holding.Count == 0)
        {
            return BotStatus.Active;
        }

        var until = holding.Any(b => b.Until is null) ? null : holding.Max(b => b.Until);
        var first = holding[0];
        return new BotStatus(true, until, first.Reason, first.Target.Type, holding.Any(b => b.IsManualPause), holding.Any(b => b.Target.Type == ScopeType.Bot));
    }

    /// <returns>false when the bot does not exist in the account.</returns>
    public async Task<bool> PauseAsync(long accountId, string botKey, DateTimeOffset? until, string? reason, string actor, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        if (!await context.Bots.AnyAsync(b => b.Key == botKey, ct))
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await context.Database.BeginTransactionAsync(ct);
        // A new pause replaces the bot's earlier one, with its reason and end; blocks by policies stay.
        await context.Blocks
            .Where(b => b.LiftedAt == null && b.PolicyId == null && b.TargetType == ScopeType.Bot && b.TargetKey == botKey)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.LiftedAt, now).SetProperty(b => b.LiftedBy, $"{actor} (paused again)"), ct);
        context.Blocks.Add(new BlockRecord
        {
            TargetType = ScopeType.Bot,
            TargetKey = botKey,
            Until = until?.UtcDateTime,
            Reason = string.IsNullOrWhiteSpace(reason) ? $"Paused by {actor}" : $"Paused by {actor}: {reason.Trim()}",
            CreatedAt = now,
            PausedBy = actor,
        });
        await context.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await meter.RefreshAsync(accountId, ct);
        return true;
    }

    /// <summary>Lifts the bot's own blocks and pauses. Account and team caps still hold until their limit is raised.</summary>
    public async Task<bool> ResumeAsync(long accountId, string botKey, string actor, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        if (!await context.Bots.AnyAsync(b => b.Key == botKey, ct))
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await context.Blocks
            .Where(b => b.LiftedAt == null && b.TargetType == ScopeType.Bot && b.TargetKey == botKey)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.LiftedAt, now).SetProperty(b => b.LiftedBy, actor), ct);
        await meter.RefreshAsync(accountId, ct);
        return true;
    }
}
