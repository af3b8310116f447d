using BudgetHub.Infrastructure.Notifications;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>The email that carries an invitation's link, as an outbox message: delivered, and retried, by the outbox jobs.</summary>
internal static class InvitationEmail
{
    /// <summary>One per invitation: a second delivery run never sends it twice.</summary>
    public static string DedupeKey(long invitationId) => $"invitation:{invitationId}";

    public static OutboxMessage For(Invitation invitation, string accountName, string link, DateTime now) => new()
    {
        AccountId = invitation.AccountId,
        Channel = OutboxChannel.Email,
        DedupeKey = DedupeKey(invitation.Id),
        Recipient = invitation.Email,
        Subject = $"You're invited to {accountName} on BudgetHub",
        Body = $"{invitation.InvitedBy} invited you to join {accountName} on BudgetHub as {invitation.Role}.\n\nAccept: {link}\n\n" +
            $"The link works once and expires in {MembershipService.InvitationLifetime.TotalDays:0} days.",
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
