using BudgetHub.Domain.Accounts;
using BudgetHub.Domain.Enforcement;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Notifications;

public sealed record SeverityChoice(Severity Severity, bool Email, bool InApp);

public sealed record MemberPreferences(IReadOnlyList<SeverityChoice> Choices, bool DailyDigest);

/// <summary>Each member's notification preferences; unset severities take the defaults.</summary>
public sealed class PreferenceService(AccountDb db)
{
    public async Task<MemberPreferences> GetAsync(long accountId, string userId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var saved = await context.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Severity, ct);
        var choices = Enum.GetValues<Severity>().Select(severity => saved.TryGetValue(severity, out var p)
            ? new SeverityChoice(severity, p.Email, p.InApp)
            : new SeverityChoice(severity, NotificationPreference.Default(severity).Email, NotificationPreference.Default(severity).InApp)).ToList();
        var digest = await context.DigestSubscriptions.AsNoTracking().AnyAsync(d => d.UserId == userId && d.Daily, ct);
        return new MemberPreferences(choices, digest);
    }

    /// <summary>
    /// The names of the enabled budgets that email this member (see <see cref="Audience.EmailRecipients"/>): those that list
    /// their address, and, for an owner, those that list no one. Preferences only filter what these send.
    /// </summary>
    public async Task<IReadOnlyList<string>> BudgetsEmailingAsync(long accountId, string userId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var member = await context.AccountMembers.AsNoTracking().Where(m => m.UserId == userId)
            .Join(context.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Role, u.Email }).FirstOrDefaultAsync(ct);
        if (member?.Email is not { } email)
        {
            return [];
        }

        var budgets = await context.Policies.AsNoTracking().Where(p => p.Enabled && p.NotifyEmail && p.Kind == Budgets.PolicyKind.Usage)
            .Select(p => new { p.Name, p.NotifyRecipients }).ToListAsync(ct);
        return budgets
            .Where(p => p.NotifyRecipients.Length == 0
                ? member.Role == MemberRole.Owner
                : p.NotifyRecipients.Split(',').Contains(email, StringComparer.OrdinalIgnoreCase))
            .Select(p => p.Name).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task SaveAsync(long accountId, string userId, SeverityChoice choice, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var row = await context.NotificationPreferences.FirstOrDefaultAsync(p => p.UserId == userId && p.Severity == choice.Severity, ct);
        if (row is null)
        {
            context.NotificationPreferences.Add(new NotificationPreference { UserId = userId, Severity = choice.Severity, Email = choice.Email, InApp = choice.InApp });
        }
        else
        {
            row.Email = choice.Email;
            row.InApp = choice.InApp;
        }

        await context.SaveChangesAsync(ct);
    }

    public async Task SaveDigestAsync(long accountId, string userId, bool daily, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var row = await context.DigestSubscriptions.FirstOrDefaultAsync(d => d.UserId == userId, ct);
        if (row is null)
        {
            context.DigestSubscriptions.Add(new DigestSubscription { UserId = userId, Daily = daily });
        }
        else if (daily != row.Daily)
        {
            // Subscribed again: the first digest lists the last day's alerts, not every one since the last digest.
            row.Daily = daily;
            row.LastSentFor = null;
        }

        await context.SaveChangesAsync(ct);
    }
}
