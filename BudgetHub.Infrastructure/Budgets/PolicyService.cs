using System.Text.Json;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Budgets;

public sealed record PolicyChange(PolicyRecord? Policy, Dictionary<string, string[]> Errors)
{
    public bool Succeeded => Policy is not null && Errors.Count == 0;
}

/// <summary>Creates, changes and deletes policies, audits who did it, and tells the meter at once.</summary>
public sealed class PolicyService(AccountDb db, IUsageMeter meter, TimeProvider clock)
{
    public async Task<IReadOnlyList<PolicyRecord>> ListAsync(long accountId, PolicyKind? kind = null, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var query = context.Policies.AsNoTracking();
        if (kind is { } only)
        {
            query = query.Where(p => p.Kind == only);
        }

        return await query.OrderBy(p => p.Id).ToListAsync(ct);
    }

    public async Task<PolicyRecord?> GetAsync(long accountId, long id, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        return await context.Policies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
    }

    public async Task<PolicyChange> CreateAsync(long accountId, PolicyInput input, string actor, CancellationToken ct = default)
    {
        var errors = PolicyValidator.Validate(input);
        if (errors.Count > 0)
        {
            return new PolicyChange(null, errors);
        }

        await using var context = db.For(accountId);
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new PolicyRecord { CreatedAt = now, CreatedBy = actor, UpdatedAt = now, UpdatedBy = actor };
        PolicyValidator.Apply(input, row);
        context.Policies.Add(row);
        await context.SaveChangesAsync(ct);
        await AuditAsync(context, row, "created", actor, ct);
        await meter.RefreshAsync(accountId, ct);
        return new PolicyChange(row, errors);
    }

    /// <returns>null when the policy does not exist in this account.</returns>
    public async Task<PolicyChange?> UpdateAsync(long accountId, long id, PolicyInput input, string actor, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var row = await context.Policies.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (row is null)
        {
            return null;
        }

        var errors = PolicyValidator.Validate(input);
        if (errors.Count > 0)
        {
            return new PolicyChange(null, errors);
        }

        PolicyValidator.Apply(input, row);
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = actor;
        await context.SaveChangesAsync(ct);
        await AuditAsync(context, row, "updated", actor, ct);
        await meter.RefreshAsync(accountId, ct);
        return new PolicyChange(row, errors);
    }

    public async Task<bool> SetEnabledAsync(long accountId, long id, bool enabled, string actor, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var row = await context.Policies.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (row is null)
        {
            return false;
        }

        row.Enabled = enabled;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = actor;
        await context.SaveChangesAsync(ct);
        await AuditAsync(context, row, enabled ? "enabled" : "disabled", actor, ct);
        await meter.RefreshAsync(accountId, ct);
        return true;
    }

    public async Task<bool> DeleteAsync(long accountId, long id, string actor, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var row = await context.Policies.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (row is null)
        {
            return false;
        }

        context.Policies.Remove(row);
        await context.SaveChangesAsync(ct);
        await AuditAsync(context, row, "deleted", actor, ct);
        await meter.RefreshAsync(accountId, ct);
        return true;
    }

    public async Task<IReadOnlyList<PolicyAuditEntry>> HistoryAsync(long accountId, long id, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        return await context.PolicyAudit.AsNoTracking().Where(a => a.PolicyId == id).OrderByDescending(a => a.At).ToListAsync(ct);
    }

    private async Task AuditAsync(BudgetHubDbContext context, PolicyRecord row, string change, string actor, CancellationToken ct)
    {
        context.PolicyAudit.Add(new PolicyAuditEntry
        {
            PolicyId = row.Id,
            Change = change,
            Actor = actor,
            At = clock.GetUtcNow().UtcDateTime,
            Snapshot = JsonSerializer.Serialize(PolicyValidator.ToInput(row)),
        });
        await context.SaveChangesAsync(ct);
    }
}
