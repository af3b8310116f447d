using System.Text;
using Microsoft.Data.Sqlite;
using MimeKit;

namespace BudgetHub.E2E;

/// <summary>Invitation emails go through the outbox: the mail server being down neither breaks the page nor loses the email.</summary>
public sealed class InvitationEmailTests(SmtpBrowserFixture fixture) : IClassFixture<SmtpBrowserFixture>
{
    private const string Invitee = "smtp-down@example.com";

    private async Task<long> FailedAttemptsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.App.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM Outbox WHERE Recipient = '{Invitee}' AND SentAt IS NULL AND LastError IS NOT NULL";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Invite_WhileTheMailServerIsDown_ShowsTheLink_AndEmailsItOnceTheServerIsBack()
    {
        fixture.Smtp.Stop();
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings/members");

        await page.GetByTestId("invite-email").FillAsync(Invitee);
        await page.GetByTestId("invite-email").PressAsync("Enter");

        await Expect(page.GetByTestId("invite-link")).ToBeVisibleAsync();
        var link = (await page.GetByTestId("invite-link").TextContentAsync())!.Trim();
        await Expect(page.GetByTestId("pending-invitation").Filter(new() { HasText = Invitee })).ToHaveCountAsync(1);
        await Poll.UntilAsync(async () => await FailedAttemptsAsync() > 0, "a failed delivery attempt while the mail server is down");

        await fixture.Smtp.StartAgainAsync();

        var email = await Poll.UntilAsync(() => Task.FromResult(fixture.Smtp.Messages().FirstOrDefault(m => m.Contains(Invitee, StringComparison.Ordinal))),
            m => m is not null, "the invitation email, retried", TimeSpan.FromSeconds(60));
        using var raw = new MemoryStream(Encoding.UTF8.GetBytes(email!));
        Assert.Contains($"Accept: {link}", (await MimeMessage.LoadAsync(raw)).TextBody, StringComparison.Ordinal);
    }
}
