using System.Net.Http.Json;

namespace BudgetHub.E2E;

/// <summary>Settings → General shows the outgoing webhooks' signing secret to an Owner, masked, and rotates it after asking.</summary>
public sealed class OutgoingWebhookSecretTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<string> SecretFromTheApiAsync()
    {
        using var client = fixture.App.CreateClient();
        return (await client.GetFromJsonAsync<SecretBody>("/api/v1/account/webhook-secret"))!.Secret;
    }

    private sealed record SecretBody(string Secret);

    [Fact]
    public async Task AnOwner_RevealsTheSecretTheApiShows_AndRotatesItAfterConfirming()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.OpenAsync(page, "/settings");
        var section = page.GetByRole(AriaRole.Region, new() { Name = "Outgoing webhooks" });
        var secret = section.GetByTestId("outgoing-secret");

        await Expect(secret).ToContainTextAsync("whsec_••••");
        await section.GetByRole(AriaRole.Button, new() { Name = "Show the secret" }).ClickAsync();
        await Expect(secret).ToHaveTextAsync(await SecretFromTheApiAsync());
        await BrowserFixture.ScreenshotAsync(page, "outgoing-webhook-secret");

        var before = await secret.TextContentAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("every receiver");
        await BrowserFixture.ScreenshotAsync(page, "outgoing-webhook-secret-rotate");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();

        await Expect(secret).Not.ToHaveTextAsync(before!);
        await Expect(secret).ToHaveTextAsync(await SecretFromTheApiAsync());
    }
}
