using System.Net;
using BudgetHub.Infrastructure.Accounts;

namespace BudgetHub.IntegrationTests.Notifications;

/// <summary>The secret that signs outgoing webhooks is one an Owner or Admin can look up, so receivers can verify them.</summary>
public sealed class OutgoingWebhookSecretTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string SecretPath = "/api/v1/account/webhook-secret";

    private AppProcess App => fixture.App;

    private static async Task<string> SecretOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonOf()).GetProperty("secret").GetString()!;
    }

    private static bool Verifies(WebhookReceiver.Received request, string secret) =>
        StandardWebhookSignature.Verify([secret], request.Id, request.Timestamp, request.Body, request.Signature);

    [Fact]
    public async Task ADeliveredWebhook_VerifiesWithTheSecretTheApiShows_AndAfterARotationWithTheNewOneOnly()
    {
        using var receiver = new WebhookReceiver();
        using var client = App.CreateClient();
        await client.CreatePolicyAsync(new
        {
            name = "Hooked budget", scope = new { type = "bot", id = "hooked-bot" }, metric = "tokens", limit = 100,
            window = new { type = "fixed", unit = "day" }, thresholds = new[] { 50 }, action = "warn",
            notify = new { email = false, inApp = false, webhookUrl = receiver.Url },
        });

        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("hooked-1", bot: "hooked-bot", input: 60));
        var first = (await receiver.WaitForAsync(1))[0];
        var secret = await SecretOf(await client.GetAsync(SecretPath));

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.True(Verifies(first, secret), "The first webhook does not verify with the secret the API shows.");
        Assert.Equal(secret, await SecretOf(await client.GetAsync(SecretPath)));

        var rotated = await SecretOf(await client.PostAsync(SecretPath, null));
        Assert.NotEqual(secret, rotated);
        Assert.Equal(rotated, await SecretOf(await client.GetAsync(SecretPath)));

        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("hooked-2", bot: "hooked-bot", input: 50));
        var second = (await receiver.WaitForAsync(2))[1];
        Assert.True(Verifies(second, rotated), "A webhook sent after the rotation does not verify with the new secret.");
        Assert.False(Verifies(second, secret), "A webhook sent after the rotation still verifies with the old secret.");
    }

    [Fact]
    public async Task AViewer_GetsA403_AndAnotherAccount_HasItsOwnSecret()
    {
        using var owner = App.CreateClient();
        var secret = await SecretOf(await owner.GetAsync(SecretPath));
        using var viewer = await App.MemberOfBootstrapAccountAsync("secret-viewer@example.com", "Viewer");
        using var other = new BrowserlessSession(App.BaseAddress);
        await other.RegisterAsync("Other Co", "secret-other@example.com", "another long password");

        foreach (var refused in new[] { await viewer.Client.GetAsync(SecretPath), await viewer.Client.PostAsync(SecretPath, null) })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(secret, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var others = await SecretOf(await other.Client.GetAsync(SecretPath));
        Assert.NotEqual(secret, others);
        Assert.Equal(others, await SecretOf(await other.Client.GetAsync(SecretPath)));
        Assert.Equal(secret, await SecretOf(await owner.GetAsync(SecretPath)));
    }
}
