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
        Assert.StartsWith("The API key \"Bootstrap key\" (key_", await DetailOf(rejected[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsignedWebhookRequests_DoNotUseUpTheSourcesRate()
    {
        var body = """{"id":"unsigned-flood","botId":"webhook-limited"}""";

        var unsigned = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            unsigned.Add((await SignedWebhook.SendAsync(fixture.App, body, signature: "v1,bm90IGl0")).StatusCode);
        }

        var signed = await SignedWebhook.SendAsync(fixture.App, body);

        Assert.All(unsigned, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task ANonJsonWebhookRequest_Is415_WhateverTheSource(string? contentType)
    {
        var body = """{"id":"not-json","botId":"webhook-limited"}""";

        var known = await SignedWebhook.SendAsync(fixture.App, body, signature: "v1,bm90IGl0", contentType: contentType);
        var unknown = await SignedWebhook.SendAsync(fixture.App, body, source: "no-such-source", contentType: contentType);

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnsupportedMediaType), (known.StatusCode, unknown.StatusCode));
    }

    [Fact]
    public async Task AWebhookBodyOverOneMebibyte_Is413_WhateverTheSource()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat("""{"id":"x","botId":"webhook-limited"}""", 40_000)) + "]";

        var known = await SignedWebhook.SendAsync(fixture.App, body, signature: "v1,bm90IGl0");
        var unknown = await SignedWebhook.SendAsync(fixture.App, body, source: "no-such-source");

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge), (known.StatusCode, unknown.StatusCode));
    }

    [Fact]
    public async Task SignedInMembersOverTheirRate_Get429NamingTheAccount_AndPointingToAnApiKey()
    {
        using var owner = new BrowserlessSession(fixture.App.BaseAddress);
        await owner.SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            responses.Add(await owner.Client.PostRawAsync("/api/v1/usage/events", $$"""{"id":"limited-session-{{i}}","botId":"limited-session-bot"}"""));
        }

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        var detail = await DetailOf(responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.StartsWith("This account's signed-in members together send more than 1 request per second.", detail, StringComparison.Ordinal);
        Assert.EndsWith("an API key has a limit of its own.", detail, StringComparison.Ordinal);
    }

    private static async Task<string?> DetailOf(HttpResponseMessage problem) => (await problem.JsonOf()).GetProperty("detail").GetString();
}
