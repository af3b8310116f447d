using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BudgetHub.Infrastructure.Notifications;

public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null);

/// <summary>
/// Sends one email with MailKit over SMTP, or, with no SMTP host configured, writes it as an
/// <c>.eml</c> file to the pickup folder so the quick start needs no mail server.
/// </summary>
public sealed class EmailTransport(IOptions<EmailOptions> options, TimeProvider clock)
{
    public async Task SendAsync(EmailMessage email, CancellationToken ct = default)
    {
        var settings = options.Value;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();

        if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            Directory.CreateDirectory(settings.PickupDirectory);
            var path = Path.Combine(settings.PickupDirectory, $"{clock.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(path, ct);
            return;
        }

        using var client = new SmtpClient();
        var security = settings.Smtp.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
        await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(settings.Smtp.User))
        {
            await client.AuthenticateAsync(settings.Smtp.User, settings.Smtp.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
