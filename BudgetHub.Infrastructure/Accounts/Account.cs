namespace BudgetHub.Infrastructure.Accounts;

/// <summary>The tenant. Its time zone aligns every calendar window.</summary>
public sealed class Account
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = "UTC";
    public string? AlertEmail { get; set; }

    /// <summary>Signs outgoing webhooks (alert.created, bot.blocked); created on first use.</summary>
    public string? OutgoingWebhookSecret { get; set; }
    public DateTime CreatedAt { get; set; }
}
