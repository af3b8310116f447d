using System.Net;
using System.Text.RegularExpressions;
using BudgetHub.Infrastructure.Accounts;

namespace BudgetHub.IntegrationTests.Accounts;

public sealed partial class PasswordAndInvitationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    [GeneratedRegex(@"https?://[^\s""<>]+/Account/ResetPassword\?[^\s""<>]+")]
    private static partial Regex ResetLink();

    /// <returns>The link's token of a new invitation to the bootstrap account, as Settings → Members stores it.</returns>
    private async Task<string> InviteAsync(string email, string role)
    {
        var token = Secrets.NewToken("inv_", 32);
        await Api.ExecuteAsync(App.DatabasePath, $"""
            INSERT INTO Invitations (AccountId, Email, Role, TokenHash, InvitedBy, CreatedAt, ExpiresAt)
            VALUES (1, '{email}', '{role}', '{Secrets.Sha256Hex(token)}', 'owner@example.com', '2026-01-01 00:00:00', '2099-01-01 00:00:00')
            """);
        return token;
    }

    [Fact]
    public async Task ForgotPassword_EmailsAWorkingResetLink()
    {
        using var setup = new BrowserlessSession(App.BaseAddress);
        await setup.RegisterAsync("Forgetful Co", "forgetful@example.com", "the old password");

        using var session = new BrowserlessSession(App.BaseAddress);
        await session.SubmitAsync("/Account/ForgotPassword", new() { ["Input.Email"] = "forgetful@example.com" });
        var email = await Poll.UntilAsync(
            () => Task.FromResult(Directory.Exists(App.MailDirectory) ? Directory.GetFiles(App.MailDirectory).Select(File.ReadAllText).FirstOrDefault(m => m.Contains("forgetful@example.com", StringComparison.Ordinal)) : null),
            m => m is not null, "the reset email");
        var link = WebUtility.HtmlDecode(ResetLink().Match(email!.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal)).Value);
        var path = new Uri(link).PathAndQuery;

        var reset = await session.SubmitAsync(path, new()
        {
            ["Input.Email"] = "forgetful@example.com", ["Input.Password"] = "the new password", ["Input.ConfirmPassword"] = "the new password",
            ["Input.Code"] = HiddenCode(await session.Client.GetStringAsync(path)),
        });
        using var fresh = new BrowserlessSession(App.BaseAddress);
        var signIn = await fresh.SignInAsync("forgetful@example.com", "the new password");

        Assert.EndsWith("/Account/ResetPasswordConfirmation", reset.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await fresh.Client.GetAsync("/api/v1/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_ForAnUnknownAddress_LooksTheSame()
    {
        using var session = new BrowserlessSession(App.BaseAddress);

        var response = await session.SubmitAsync("/Account/ForgotPassword", new() { ["Input.Email"] = "nobody@example.com" });

        Assert.EndsWith("/Account/ForgotPasswordConfirmation", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_NeedsTheCurrentOne()
    {
        using var session = new BrowserlessSession(App.BaseAddress);
        await session.RegisterAsync("Changer Co", "changer@example.com", "first password");

        var wrong = await session.SubmitAsync("/Account/Manage/ChangePassword", new()
        {
            ["Input.OldPassword"] = "not my password", ["Input.NewPassword"] = "second password", ["Input.ConfirmPassword"] = "second password",
        });
        var right = await session.SubmitAsync("/Account/Manage/ChangePassword", new()
        {
            ["Input.OldPassword"] = "first password", ["Input.NewPassword"] = "second password", ["Input.ConfirmPassword"] = "second password",
        });
        using var fresh = new BrowserlessSession(App.BaseAddress);
        await fresh.SignInAsync("changer@example.com", "second password");

        Assert.Contains("Incorrect password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.Client.GetAsync("/api/v1/account")).StatusCode);
    }

    [Fact]
    public async Task AnInvitationLink_JoinsTheAccountWithItsRole_Once()
    {
        var token = await InviteAsync("invited@example.com", "Finance");

        using var invited = new BrowserlessSession(App.BaseAddress);
        var page = await invited.Client.GetStringAsync($"/invite/{token}");
        await invited.RegisterAsync("ignored", "invited@example.com", "invited password", invite: token);
        var account = await (await invited.Client.GetAsync("/api/v1/account")).JsonOf();
        using var second = new BrowserlessSession(App.BaseAddress);
        var reused = await second.Client.GetStringAsync($"/invite/{token}");

        Assert.Contains("Join Test Co", page, StringComparison.Ordinal);
        Assert.Equal("Test Co", account.GetProperty("name").GetString());
        Assert.Equal("Finance", account.GetProperty("role").GetString());
        Assert.Contains("doesn&#x27;t work", reused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoPeopleRegisteringWithOneInvitationAtOnce_OneJoins_TheOtherIsToldAndNothingIsCreatedForThem()
    {
        var token = await InviteAsync("shared-invite@example.com", "Viewer");
        var accounts = await Api.ScalarAsync(App.DatabasePath, "SELECT count(*) FROM Accounts");
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var first = new BrowserlessSession(App.BaseAddress);
        using var second = new BrowserlessSession(App.BaseAddress);

        // The invitation's form has no company name field: joining is all it asks for.
        var registrations = new[] { (first, "first-invitee@example.com"), (second, "second-invitee@example.com") }.Select(async attempt =>
        {
            await start.Task;
            return await attempt.Item1.SubmitAsync($"/Account/Register?invite={Uri.EscapeDataString(token)}", new()
            {
                ["Input.DisplayName"] = "Invitee", ["Input.Email"] = attempt.Item2,
                ["Input.Password"] = "invitee password", ["Input.ConfirmPassword"] = "invitee password",
            });
        }).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(registrations);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var refused = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was created: this invitation no longer works.", page, StringComparison.Ordinal);
        Assert.Contains("This invitation no longer works: it was used, revoked, or it expired.", page, StringComparison.Ordinal);
        Assert.Equal(1, await Api.ScalarAsync(App.DatabasePath, "SELECT count(*) FROM AspNetUsers WHERE Email LIKE '%-invitee@example.com'"));
        Assert.Equal(1, await Api.ScalarAsync(App.DatabasePath, """
            SELECT count(*) FROM AccountMembers m JOIN AspNetUsers u ON u.Id = m.UserId WHERE u.Email LIKE '%-invitee@example.com' AND m.AccountId = 1
            """));
        Assert.Equal(accounts, await Api.ScalarAsync(App.DatabasePath, "SELECT count(*) FROM Accounts"));
    }

    private static string HiddenCode(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "name=\"Input.Code\" value=\"([^\"]*)\"").Groups[1].Value);
}
