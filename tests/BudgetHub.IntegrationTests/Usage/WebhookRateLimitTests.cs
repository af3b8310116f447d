using System.Net;

namespace BudgetHub.IntegrationTests.Usage;

/// <summary>
/// Uses up the default webhook source's rate, so it runs on an app of its own: in <see cref="RateLimitTests"/>
/// it would leave that source over its rate for the tests that need one signed request to pass.
/// </summary>
public sealed class WebhookRateLimitTests(RateLimitTests.SlowLimitFixture fixture) : IClassFixture<RateLimitTests.SlowLimitFixture>
{
    [Fact]
    public async Task AWebhookSourceOverItsRate_Gets429NamingTheSource()
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            responses.Add(await SignedWebhook.SendAsync(fixture.App, $$"""{"id":"limited-hook-{{i}}","botId":"limited-hook-bot"}"""));
        }

        var rejected = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.StartsWith("The webhook source \"default\" sends more than 1 request per second.", await DetailOf(rejected), StringComparison.Ordinal);
    }

    private static async Task<string?> DetailOf(HttpResponseMessage problem) => (await problem.JsonOf()).GetProperty("detail").GetString();
}
