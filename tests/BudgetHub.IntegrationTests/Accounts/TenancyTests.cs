using System.Net;

namespace BudgetHub.IntegrationTests.Accounts;

/// <summary>No user, key or query ever sees another account's data: ids of another account are 404.</summary>
public sealed class TenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task AnotherAccountsPolicyBotsAndAlerts_AreInvisible()
    {
        using var owner = App.CreateClient();
        var policyId = await owner.CreatePolicyAsync(new
        {
            name = "First account budget", scope = new { type = "bot", id = "secret-bot" }, metric = "tokens", limit = 10,
            window = new { type = "fixed", unit = "day" }, thresholds = new[] { 50 }, action = "warn",
        });
        await owner.PostJsonAsync("/api/v1/usage/events", Api.Event("t1", bot: "secret-bot", input: 20));

        using var other = new BrowserlessSession(App.BaseAddress);
        await other.RegisterAsync("Other Co", "other@example.com", "another long password");

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/policies/{policyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.DeleteAsync($"/api/v1/policies/{policyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync("/api/v1/bots/secret-bot/usage")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync("/api/v1/bots/secret-bot/budget")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PostAsync("/api/v1/bots/secret-bot/pause", null)).StatusCode);
        Assert.Equal(0, (await (await other.Client.GetAsync("/api/v1/policies")).JsonOf()).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await (await other.Client.GetAsync("/api/v1/bots")).JsonOf()).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await (await other.Client.GetAsync("/api/v1/alerts")).JsonOf()).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await (await other.Client.GetAsync("/api/v1/usage/summary")).JsonOf()).GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/policies/{policyId}")).StatusCode);
    }

    [Fact]
    public async Task TheSameEventIdInAnotherAccount_IsADifferentEvent()
    {
        using var owner = App.CreateClient();
        using var other = new BrowserlessSession(App.BaseAddress);
        await other.RegisterAsync("Third Co", "third@example.com", "yet another password");

        var first = await (await owner.PostJsonAsync("/api/v1/usage/events", Api.Event("shared-id"))).JsonOf();
        var second = await (await other.Client.PostJsonAsync("/api/v1/usage/events", Api.Event("shared-id"))).JsonOf();

        Assert.Equal(1, first.GetProperty("accepted").GetInt32());
        Assert.Equal(1, second.GetProperty("accepted").GetInt32());
    }
}
