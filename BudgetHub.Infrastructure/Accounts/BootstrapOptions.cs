namespace BudgetHub.Infrastructure.Accounts;

/// <summary>The <c>Bootstrap</c> section: the first account, created on an empty database.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AccountName { get; set; }
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string? ApiKey { get; set; }
    public string? WebhookSecret { get; set; }
    public bool DemoData { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AdminEmail) && !string.IsNullOrWhiteSpace(AdminPassword);
}
