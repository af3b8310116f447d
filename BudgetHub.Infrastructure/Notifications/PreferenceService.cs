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
