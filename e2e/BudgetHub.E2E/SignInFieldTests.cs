namespace BudgetHub.E2E;

/// <summary>The email fields of the account pages ask phones for the email keyboard and password managers for the user name.</summary>
public sealed class SignInFieldTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Register")]
    [InlineData("/Account/ForgotPassword")]
    public async Task TheEmailField_IsAnEmailInput_ForTheUserName(string path)
    {
        var page = await fixture.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync(path);

        var email = page.Locator("#Input\\.Email");
        await Expect(email).ToHaveAttributeAsync("type", "email");
        await Expect(email).ToHaveAttributeAsync("autocomplete", "username");
        await BrowserFixture.ScreenshotAsync(page, "account-email-field" + path.Replace('/', '-').ToLowerInvariant());
    }
}
