using System.Net;
using BudgetHub.Infrastructure.Accounts;
using BudgetHub.Infrastructure.Notifications;
using Microsoft.AspNetCore.Identity;

namespace BudgetHub.Web.Components.Account;

/// <summary>Identity's emails (password reset) sent for real through the app's email transport.</summary>
internal sealed class IdentityEmailSender(EmailTransport email) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string address, string confirmationLink) =>
        SendAsync(address, "Confirm your BudgetHub email", "Confirm your email address", confirmationLink, "Confirm email");

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string address, string resetLink) =>
        SendAsync(address, "Reset your BudgetHub password", "Someone (hopefully you) asked to reset your BudgetHub password. The link works once, for a limited time.", resetLink, "Choose a new password");

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string address, string resetCode) =>
        email.SendAsync(new EmailMessage(address, "Your BudgetHub password reset code", $"Your password reset code: {resetCode}"));

    private Task SendAsync(string address, string subject, string intro, string encodedLink, string action)
    {
        var link = WebUtility.HtmlDecode(encodedLink);
        var text = $"{intro}\n\n{action}: {link}\n\nIf you did not ask for this, ignore this email; nothing changes.";
        var html = $"""
            <div style="font-family:Segoe UI,Roboto,Arial,sans-serif;color:#1f2937;max-width:520px">
              <h2 style="margin:0 0 12px">{WebUtility.HtmlEncode(subject)}</h2>
              <p>{WebUtility.HtmlEncode(intro)}</p>
              <p style="margin:24px 0"><a href="{encodedLink}" style="background:#3949ab;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">{action}</a></p>
              <p style="color:#5c6b7a;font-size:13px">If you did not ask for this, ignore this email; nothing changes.</p>
            </div>
            """;
        return email.SendAsync(new EmailMessage(address, subject, text, html));
    }
}
