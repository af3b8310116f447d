using System.ComponentModel.DataAnnotations;

namespace BudgetHub.Infrastructure.Accounts;

/// <summary>The <c>Bootstrap</c> section: the first account, created on an empty database.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AccountName { get; set; }

    [RegularExpression(@"^[^@\s]+@[^@\s]+$", ErrorMessage = "Bootstrap:AdminEmail must be an email address.")]
    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    /// <summary>Only a key that starts as the app's own keys do is ever accepted.</summary>
    [RegularExpression("^" + ApiKeyService.KeyPrefix + @"\S{1,197}$", ErrorMessage = "Bootstrap:ApiKey must start with '" + ApiKeyService.KeyPrefix + "' and be at most 200 characters, without spaces.")]
    public string? ApiKey { get; set; }

    public string? WebhookSecret { get; set; }
    public bool DemoData { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AdminEmail) && !string.IsNullOrWhiteSpace(AdminPassword);
}
