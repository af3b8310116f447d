using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>
/// The secret that signs an account's outgoing webhooks (Standard Webhooks), so their receivers can verify them.
/// Created the first time it is needed, by a delivery or by an Owner or Admin looking it up.
/// </summary>
public sealed class OutgoingWebhookSecret(AccountDb db)
{
    public async Task<string> GetOrCreateAsync(long accountId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var secret = await context.Accounts.Where(a => a.Id == accountId).Select(a => a.OutgoingWebhookSecret).FirstAsync(ct);
        if (secret is not null)
        {
            return secret;
        }

        // Two first uses at once agree on one secret: only the first write lands, and both read it back.
        await context.Accounts.Where(a => a.Id == accountId && a.OutgoingWebhookSecret == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.OutgoingWebhookSecret, Secrets.NewWebhookSecret()), ct);
        return await context.Accounts.Where(a => a.Id == accountId).Select(a => a.OutgoingWebhookSecret!).FirstAsync(ct);
    }

    /// <summary>Replaces the secret: webhooks sent from now on are signed with the new one only.</summary>
    public async Task<string> RotateAsync(long accountId, CancellationToken ct = default)
    {
        await using var context = db.For(accountId);
        var secret = Secrets.NewWebhookSecret();
        await context.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.OutgoingWebhookSecret, secret), ct);
        return secret;
    }
}
