namespace BudgetHub.Infrastructure.Notifications;

/// <summary>The <c>Email</c> configuration section. No SMTP host: messages go to the pickup folder.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "BudgetHub <alerts@budgethub.local>";
    public string PickupDirectory { get; set; } = "data/mail";
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The app's public address, for links in emails.</summary>
    public string? PublicBaseUrl { get; set; }
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool UseTls { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
}
