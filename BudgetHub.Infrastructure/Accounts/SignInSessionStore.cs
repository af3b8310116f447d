using BudgetHub.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>
/// Keeps sign-in tickets in the database and only their random key in the cookie, so that signing out ends
/// the session on the server: a copy of the cookie taken before is worthless afterwards.
/// </summary>
internal sealed class SignInSessionStore(IDbContextFactory<BudgetHubDbContext> contexts, TimeProvider clock) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var session = new SignInSession { Key = Secrets.NewToken("", 43) };
        Fill(session, ticket);
        await using var db = await contexts.CreateDbContextAsync();
        db.SignInSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var session = await db.SignInSessions.FindAsync(key);
        if (session is null)
        {
            // Signed out meanwhile: the renewal must not bring the session back.
            return;
        }

        Fill(session, ticket);
        await db.SaveChangesAsync();
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var session = await db.SignInSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key);
        if (session is null)
        {
            return null;
        }

        if (session.ExpiresAt <= clock.GetUtcNow().UtcDateTime)
        {
            await db.SignInSessions.Where(s => s.Key == key).ExecuteDeleteAsync();
            return null;
        }

        return TicketSerializer.Default.Deserialize(session.Ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.SignInSessions.Where(s => s.Key == key).ExecuteDeleteAsync();
    }

    /// <summary>Deletes the sessions that expired without a sign-out (their cookies are no longer sent).</summary>
    public async Task DeleteExpiredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.SignInSessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(ct);
    }

    private static void Fill(SignInSession session, AuthenticationTicket ticket)
    {
        session.UserId = ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        session.Ticket = TicketSerializer.Default.Serialize(ticket);
        session.ExpiresAt = ticket.Properties.ExpiresUtc?.UtcDateTime;
    }
}
