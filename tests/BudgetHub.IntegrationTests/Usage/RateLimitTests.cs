using System.Net;

namespace BudgetHub.IntegrationTests.Usage;

public sealed class RateLimitTests(RateLimitTests.SlowLimitFixture fixture) : IClassFixture<RateLimitTests.SlowLimitFixture>
{
    public sealed class SlowLimitFixture : AppFixture
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["RateLimits:IngestPerSecond"] = "1",
            ["RateLimits:IngestBurst"] = "3",
        };
    }

    [Fact]
    public async Task AKeyOverItsRate_Gets429WithRetryAfter_AndTheRejectedEventsAreNotStored()
    {
        using var client = fixture.App.CreateClient();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            responses.Add(await client.PostRawAsync("/api/v1/usage/events", $$"""{"id":"limited-{{i}}","botId":"limited-bot"}"""));
        }

        var rejected = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(rejected);
        Assert.All(rejected, r =>
        {
            Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        });
        var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(responses.Count, accepted + rejected.Count);
        Assert.Equal(accepted, await Api.ScalarAsync(fixture.App.DatabasePath, "SELECT count(*) FROM UsageEvents WHERE BotKey = 'limited-bot'"));
    }
}
