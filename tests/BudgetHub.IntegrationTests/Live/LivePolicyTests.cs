using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace BudgetHub.IntegrationTests.Live;

/// <summary>
/// Every open list of budgets learns of a policy created, changed or deleted anywhere (another tab, the API)
/// through the hub's <c>policy</c> message, and only the account's own listeners hear it.
/// </summary>
public sealed class LivePolicyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly string[] Messages = ["counters", "enforcement", "alert", "bot", "policy"];

    private AppProcess App => fixture.App;

    private static object Budget(string name, long limit) => new
    {
        name, scope = new { type = "bot", id = "live-policy-bot" }, metric = "tokens", limit,
        window = new { type = "fixed", unit = "day" }, thresholds = new[] { 50 }, action = "warn",
    };

    [Fact]
    public async Task CreatingChangingAndDeletingAPolicy_ThroughTheApi_EachSendsPolicy()
    {
        await using var listener = await Listener.StartAsync(App, options => options.AccessTokenProvider = () => Task.FromResult<string?>(AppProcess.ApiKey));
        using var client = App.CreateClient();

        var id = await client.CreatePolicyAsync(Budget("Live API budget", 1000));
        await listener.NextAsync("policy");

        (await client.PutAsJsonAsync($"/api/v1/policies/{id}", Budget("Live API budget, renamed", 2000), Api.Json)).EnsureSuccessStatusCode();
        await listener.NextAsync("policy");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/policies/{id}")).StatusCode);
        await listener.NextAsync("policy");
    }

    [Fact]
    public async Task APolicyChange_ReachesNoOtherAccountsListener()
    {
        await using var first = await Listener.StartAsync(App, options => options.AccessTokenProvider = () => Task.FromResult<string?>(AppProcess.ApiKey));
        using var other = new BrowserlessSession(App.BaseAddress);
        await other.RegisterAsync("Listening Co", "listening@example.com", "a listening password");
        await using var second = await Listener.StartAsync(App, options => options.Headers["Cookie"] = other.CookieHeader);

        using (var client = App.CreateClient())
        {
            await client.CreatePolicyAsync(Budget("First account's live budget", 1000));
        }

        var firstAccount = await first.NextAsync("policy");
        // The second account's own change comes after the first's in time: had the first reached it, it would come first.
        Assert.Equal(HttpStatusCode.Created, (await other.Client.PostJsonAsync("/api/v1/policies", Budget("Second account's live budget", 1000))).StatusCode);
        var secondAccount = await second.NextAsync("policy");

        Assert.NotEqual(firstAccount, secondAccount);
        Assert.All(second.Heard, heard => Assert.Equal(secondAccount, heard.AccountId));
        Assert.Single(second.Heard, heard => heard.Name == "policy");
    }

    /// <summary>A hub connection that keeps every message it hears, in order.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly HubConnection _hub;
        private readonly Channel<(string Name, long AccountId)> _unread = Channel.CreateUnbounded<(string, long)>();
        private readonly List<(string Name, long AccountId)> _heard = [];

        private Listener(HubConnection hub)
        {
            _hub = hub;
            foreach (var name in Messages)
            {
                hub.On<JsonElement>(name, message => _unread.Writer.TryWrite((name, message.GetProperty("accountId").GetInt64())));
            }
        }

        public IReadOnlyList<(string Name, long AccountId)> Heard => _heard;

        public static async Task<Listener> StartAsync(AppProcess app, Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions> authenticate)
        {
            var listener = new Listener(new HubConnectionBuilder().WithUrl(new Uri(app.BaseAddress, "/hubs/live"), authenticate).Build());
            await listener._hub.StartAsync();
            return listener;
        }

        /// <summary>Reads on to the next message named <paramref name="name"/>, and says whose account it is for.</summary>
        public async Task<long> NextAsync(string name)
        {
            using var deadline = new CancellationTokenSource(Deadline);
            try
            {
                while (true)
                {
                    var message = await _unread.Reader.ReadAsync(deadline.Token);
                    _heard.Add(message);
                    if (message.Name == name)
                    {
                        return message.AccountId;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {name} message within {Deadline.TotalSeconds} s; heard: {string.Join(", ", _heard)}");
            }
        }

        public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
    }
}
