using System.Net;

namespace BudgetHub.E2E;

public sealed class ApiKeyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AKeyCreatedInSettings_Works_AndGets401TheMomentItIsRevoked()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings");
        await page.GetByRole(AriaRole.Tab, new() { Name = "API keys" }).ClickAsync();
        await page.GetByTestId("create-api-key").ClickAsync();
        await page.GetByLabel("Key name").FillAsync("Revocation test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var plaintext = (await page.GetByTestId("new-api-key").TextContentAsync())!.Trim();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        using var client = fixture.App.CreateClient(apiKey: plaintext);

        // Used twice: the second request is answered from the keys remembered after the first.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/enforcement/check?botId=revocation-bot")).StatusCode);
        }

        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Revocation test" }).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Revocation test" })).ToContainTextAsync("Revoked");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Revocation test" }).GetByTestId("revoked-at")).ToHaveTextAsync("just now");
        await Expect(page.GetByTestId("new-api-key")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "api-key-revoked");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/enforcement/check?botId=revocation-bot")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/v1/usage/events",
            new StringContent("""{"id":"after-revocation","botId":"revocation-bot"}""", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task TheRevokeConfirmation_StartsOnCancel_SoEnterAloneRevokesNothing()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings");
        await page.GetByRole(AriaRole.Tab, new() { Name = "API keys" }).ClickAsync();
        await page.GetByTestId("create-api-key").ClickAsync();
        await page.GetByLabel("Key name").FillAsync("Enter test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Enter test" });

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(page.GetByTestId("confirm-cancel")).ToBeFocusedAsync();
        await Expect(page.GetByTestId("confirm-action")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-button-filled-error"));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(row).Not.ToContainTextAsync("Revoked");
    }
}
