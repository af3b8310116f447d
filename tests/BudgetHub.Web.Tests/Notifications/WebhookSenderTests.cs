using System.Globalization;
using BudgetHub.Infrastructure.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetHub.Web.Tests.Notifications;

/// <summary>Outgoing webhooks as the module wires them, sent over real HTTP to servers on 127.0.0.1.</summary>
public sealed class WebhookSenderTests
{
    [Fact]
    public async Task Send_WhenTheTargetAnswersWithARedirect_DoesNotFollowIt()
    {
        var internalHits = 0;
        await using var internalService = await LocalHttpServer.StartAsync(routes =>
            routes.Map("/latest/meta-data", () => Interlocked.Increment(ref internalHits)));
        await using var target = await LocalHttpServer.StartAsync(routes =>
            routes.MapPost("/hook", () => Results.Redirect(internalService.Url("/latest/meta-data").ToString())));
        await using var services = Services(allowPrivateTargets: true); // the first hop is on loopback too

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(services, target.Url("/hook")));

        Assert.Contains("302", error.Message, StringComparison.Ordinal);
        Assert.Contains("do not follow redirects", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, internalHits);
    }

    [Theory]
    [InlineData("http://[::]:{0}/hook")]
    [InlineData("http://0.0.0.0:{0}/hook")]
    [InlineData("http://localhost:{0}/hook")]
    [InlineData("http://127.0.0.1:{0}/hook")]
    [InlineData("http://[::ffff:127.0.0.1]:{0}/hook")]
    public async Task Send_ToThisMachine_IsRefused_AndNeverConnects(string url)
    {
        var hits = 0;
        await using var target = await LocalHttpServer.StartAsync(routes => routes.MapPost("/hook", () => Interlocked.Increment(ref hits)));
        await using var services = Services(allowPrivateTargets: false);

        await Assert.ThrowsAsync<WebhookRefusedException>(() => SendAsync(services, new Uri(string.Format(CultureInfo.InvariantCulture, url, target.BaseAddress.Port))));

        Assert.Equal(0, hits);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Send_ToThisMachine_WhenPrivateTargetsAreAllowed_DeliversTheSignedBody(string host)
    {
        var received = new TaskCompletionSource<(string Id, string Signature, string Body)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var target = await LocalHttpServer.StartAsync(routes => routes.MapPost("/hook", async (HttpRequest request) =>
            received.SetResult((request.Headers["webhook-id"].ToString(), request.Headers["webhook-signature"].ToString(), await new StreamReader(request.Body).ReadToEndAsync()))));
        await using var services = Services(allowPrivateTargets: true);

        await SendAsync(services, new UriBuilder(target.Url("/hook")) { Host = host }.Uri);

        var (id, signature, body) = await received.Task;
        Assert.Equal("msg_1", id);
        Assert.StartsWith("v1,", signature, StringComparison.Ordinal);
        Assert.Equal("""{"alert":1}""", body);
    }

    private static Task SendAsync(IServiceProvider services, Uri url) =>
        services.GetRequiredService<WebhookSender>().SendAsync(url.ToString(), "msg_1", """{"alert":1}""", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", CancellationToken.None);

    private static ServiceProvider Services(bool allowPrivateTargets)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:AllowPrivateWebhookTargets"] = allowPrivateTargets.ToString(),
        }).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddNotificationsModule(configuration)
            .BuildServiceProvider();
    }
}
