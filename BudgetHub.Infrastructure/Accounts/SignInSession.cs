namespace BudgetHub.Infrastructure.Accounts;

/// <summary>A signed-in browser session. The sign-in cookie carries only <see cref="Key"/>; the ticket stays here.</summary>
internal sealed class SignInSession
{
    public string Key { get; set; } = "";

    public string? UserId { get; set; }

    public byte[] Ticket { get; set; } = [];

    public DateTime? ExpiresAt { get; set; }
}
