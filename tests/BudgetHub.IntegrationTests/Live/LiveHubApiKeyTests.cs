using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace BudgetHub.IntegrationTests.Live;

/// <summary>A customer's own service can listen to its account's live updates with an API key, as the pages do with a sign-in.</summary>
public sealed class LiveHubApiKeyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task AnApiKey_ReceivesItsAccountsCounters_WhenAnEventIsCounted()
    {
        var counted = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(App.BaseAddress, "/hubs/live"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(AppProcess.ApiKey))
            .Build();
        hub.On<JsonElement>("counters", message => counted.TrySetResult(message));
        await hub.StartAsync();

        using var client = App.CreateClient();
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("hub-key-1", bot: "hub-bot", input: 10));

        var message = await counted.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(message.GetProperty("accountId").GetInt64() > 0);
    }

    [Fact]
    public async Task AnUnknownKey_IsRefusedWithProblemDetails()
    {
        using var client = App.CreateClient(apiKey: "bh_unknown_0123456789abcdefghijklmnopq");

        var response = await client.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("API key", (await response.JsonOf()).GetProperty("detail").GetString());
    }
}
