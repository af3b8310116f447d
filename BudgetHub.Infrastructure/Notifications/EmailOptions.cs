using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace BudgetHub.Infrastructure.Notifications;

/// <summary>The <c>Email</c> configuration section. No SMTP host: messages go to the pickup folder.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    public string From { get; set; } = "BudgetHub <alerts@budgethub.local>";

    [Required(ErrorMessage = "Email:PickupDirectory must name a folder.")]
    public string PickupDirectory { get; set; } = "data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The app's public address, for links in emails.</summary>
    [Url(ErrorMessage = "Email:PublicBaseUrl must be an absolute http or https address, as https://budgets.example.com.")]
    public string? PublicBaseUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult($"Email:From must be an address, as 'BudgetHub <alerts@example.com>'; '{From}' is not one.", [nameof(From)]);
        }

        if (Smtp.Port is < 1 or > 65535)
        {
            yield return new ValidationResult("Email:Smtp:Port must be from 1 to 65535.", [$"{nameof(Smtp)}.{nameof(SmtpOptions.Port)}"]);
        }
    }
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool UseTls { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
}
