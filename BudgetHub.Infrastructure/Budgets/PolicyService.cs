using System.Text.Json;
using BudgetHub.Infrastructure.Live;
using BudgetHub.Infrastructure.Metering;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Budgets;

public sealed record PolicyChange(PolicyRecord? Policy, Dictionary<string, string[]> Errors)
{
    public bool Succeeded => Policy is not null && Errors.Count == 0;
}

/// <summary>One change within <see cref="PolicyService.ApplyAsync"/>: a new policy (no id), a changed one, or a deletion (no input).</summary>
public sealed record PolicyEdit(long? Id, PolicyInput? Input);

/// <summary>Creates, changes and deletes policies, audits who did it, and tells the meter and the open pages at once.</summary>
public sealed class PolicyService(AccountDb db, IUsageMeter meter, ILiveUpdates live, TimeProvider clock)
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

    /// <summary>
    /// Every field error of <paramref name="input"/>, including a name that another policy of the account has, and a tier
    /// that another template spells in another case.
    /// </summary>
    /// <param name="policyId">The policy being changed (its own name is not a clash), or null for a new one.</param>
    public async Task<Dictionary<string, string[]>> ValidateAsync(long accountId, PolicyInput input, long? policyId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        return await ValidateAsync(context, input, policyId, ct);
    }

    /// <summary>The names of every policy of the account, for picking a name no other policy has.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(long accountId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        return await context.Policies.AsNoTracking().Select(p => p.Name).ToListAsync(ct);
    }

    public async Task<PolicyChange> CreateAsync(long accountId, PolicyInput input, string actor, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var change = await context.WriteAtomicallyAsync(async () =>
        {
            var errors = await ValidateAsync(context, input, policyId: null, ct);
            return new PolicyChange(errors.Count > 0 ? null : await AddAsync(context, input, actor, ct), errors);
        }, ct);
        return await ChangedAsync(accountId, change, change.Succeeded, ct);
    }

    /// <returns>null when the policy does not exist in this account.</returns>
    public async Task<PolicyChange?> UpdateAsync(long accountId, long id, PolicyInput input, string actor, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var change = await context.WriteAtomicallyAsync(async () =>
        {
            var row = await context.Policies.FirstOrDefaultAsync(p => p.Id == id, ct);
            if (row is null)
            {
                return null;
            }

            var errors = await ValidateAsync(context, input, id, ct);
            return new PolicyChange(errors.Count > 0 ? null : await ChangeAsync(context, row, input, actor, ct), errors);
        }, ct);
        return await ChangedAsync(accountId, change, change?.Succeeded == true, ct);
    }

    /// <summary>
    /// Several policies changed as one: every edit is validated first, and either all are written, in one
    /// transaction, or none (a bot's four caps, saved together).
    /// </summary>
    /// <returns>The field errors of each edit that has any, by its index in <paramref name="edits"/>; empty when all were written.</returns>
    public async Task<Dictionary<int, Dictionary<string, string[]>>> ApplyAsync(
        long accountId, IReadOnlyList<PolicyEdit> edits, string actor, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var outcome = await context.WriteAtomicallyAsync(async () =>
        {
            var errors = new Dictionary<int, Dictionary<string, string[]>>();
            var rows = new PolicyRecord?[edits.Count];
            for (var i = 0; i < edits.Count; i++)
            {
                var (id, input) = edits[i];
                rows[i] = id is null ? null : await context.Policies.FirstOrDefaultAsync(p => p.Id == id, ct);
                var editErrors = id is not null && rows[i] is null ? new() { ["id"] = ["This policy no longer exists: reload the page."] }
                    : input is null ? [] : await ValidateAsync(context, input, id, ct);
                if (editErrors.Count > 0)
                {
                    errors[i] = editErrors;
                }
            }

            if (errors.Count > 0)
            {
                return errors;
            }

            for (var i = 0; i < edits.Count; i++)
            {
                var input = edits[i].Input;
                var change = (rows[i], input) switch
                {
                    (null, { } created) => AddAsync(context, created, actor, ct),
                    ({ } row, { } changed) => ChangeAsync(context, row, changed, actor, ct),
                    ({ } row, null) => RemoveAsync(context, row, actor, ct),
                    _ => throw new ArgumentException("An edit needs an id, an input or both.", nameof(edits)),
                };
                await change;
            }

            return errors;
        }, ct);
        return await ChangedAsync(accountId, outcome, outcome.Count == 0, ct);
    }

    /// <summary>The policy and its audit entry change together: start-up reads the audit to tell which blocks' terms changed.</summary>
    public async Task<bool> SetEnabledAsync(long accountId, long id, bool enabled, string actor, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var found = await context.WriteAtomicallyAsync(async () =>
        {
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
            return true;
        }, ct);
        return await ChangedAsync(accountId, found, found, ct);
    }

    public async Task<bool> DeleteAsync(long accountId, long id, string actor, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var found = await context.WriteAtomicallyAsync(async () =>
        {
            var row = await context.Policies.FirstOrDefaultAsync(p => p.Id == id, ct);
            if (row is not null)
            {
                await RemoveAsync(context, row, actor, ct);
            }

            return row is not null;
        }, ct);
        return await ChangedAsync(accountId, found, found, ct);
    }

    public async Task<IReadOnlyList<PolicyAuditEntry>> HistoryAsync(long accountId, long id, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        return await context.PolicyAudit.AsNoTracking().Where(a => a.PolicyId == id).OrderByDescending(a => a.At).ToListAsync(ct);
    }

    /// <summary>
    /// After a committed change (<paramref name="changed"/>): the meter enforces the account's policies as they now are,
    /// and every page listing them shows them so.
    /// </summary>
    /// <returns><paramref name="outcome"/>, the answer to the change.</returns>
    private async Task<T> ChangedAsync<T>(long accountId, T outcome, bool changed, CancellationToken ct)
    {
        if (changed)
        {
            await meter.RefreshAsync(accountId, ct);
            live.Publish(accountId, LiveTopics.Policy);
        }

        return outcome;
    }

    private async Task<PolicyRecord> AddAsync(BudgetHubDbContext context, PolicyInput input, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new PolicyRecord { CreatedAt = now, CreatedBy = actor, UpdatedAt = now, UpdatedBy = actor };
        PolicyValidator.Apply(input, row);
        context.Policies.Add(row);
        await context.SaveChangesAsync(ct);
        await AuditAsync(context, row, "created", actor, ct);
        return row;
    }

    private async Task<PolicyRecord> ChangeAsync(BudgetHubDbContext context, PolicyRecord row, PolicyInput input, string actor, CancellationToken ct)
    {
        PolicyValidator.Apply(input, row);
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = actor;
        await context.SaveChangesAsync(ct);
        await AuditAsync(context, row, "updated", actor, ct);
        return row;
    }

    /// <summary>
    /// The policy, its audit entry and its open alerts change together: a deleted budget's alerts are
    /// resolved, not left waiting for an acknowledgement nobody can act on.
    /// </summary>
    private async Task<PolicyRecord> RemoveAsync(BudgetHubDbContext context, PolicyRecord row, string actor, CancellationToken ct)
    {
        context.Policies.Remove(row);
        await AuditAsync(context, row, "deleted", actor, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await context.Alerts.Where(a => a.PolicyId == row.Id && a.ResolvedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ResolvedAt, now), ct);
        return row;
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(BudgetHubDbContext context, PolicyInput input, long? policyId, CancellationToken ct)
    {
        var errors = PolicyValidator.Validate(input);
        var others = await context.Policies.AsNoTracking().Where(p => p.Id != policyId)
            .Select(p => new PolicyRecord { Name = p.Name, Kind = p.Kind, ScopeType = p.ScopeType, ScopeKey = p.ScopeKey })
            .ToListAsync(ct);
        if (!errors.ContainsKey("name") && others.FirstOrDefault(p => PolicyNames.Same(p.Name, input.Name)) is { } taken)
        {
            errors["name"] = [PolicyNames.TakenMessage(taken.Name)];
        }

        if (!errors.ContainsKey("scope.id") && TierSpelling.Clash(input, others) is { } clash)
        {
            errors["scope.id"] = [clash];
        }

        return errors;
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
