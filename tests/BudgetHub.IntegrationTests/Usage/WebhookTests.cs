using System.Net;
using System.Text;
using BudgetHub.Infrastructure.Accounts;

namespace BudgetHub.IntegrationTests.Usage;

public sealed class WebhookTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    [Fact]
    public void Signature_MatchesTheStandardWebhooksGoldenVector()
    {
        var signature = StandardWebhookSignature.Sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes("{\"test\": 2432232314}"));

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Verify_AcceptsAnyOfSeveralSignatures_AndRefusesATamperedBody()
    {
        var body = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");
        var header = "v1,bm90IGl0 v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

        Assert.True(StandardWebhookSignature.Verify(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body, header));
        Assert.False(StandardWebhookSignature.Verify(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes("{\"test\": 1}"), header));
    }

    private Task<HttpResponseMessage> SendAsync(string body, string source = "default", string secret = AppProcess.WebhookSecret, long? timestamp = null, string? signature = null) =>
        SignedWebhook.SendAsync(App, body, source, secret, timestamp, signature);

    [Fact]
    public async Task ASignedEvent_IsAccepted()
    {
        var response = await SendAsync($$"""{"id":"wh-{{Guid.NewGuid():N}}","botId":"webhook-bot","inputTokens":10}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.JsonOf()).GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task ABadSignatureAndAnUnknownSource_AreTheSame401()
    {
        var body = """{"id":"wh-bad","botId":"webhook-bot"}""";

        var wrongSecret = await SendAsync(body, secret: "whsec_" + Convert.ToBase64String(new byte[24]));
        var unknown = await SendAsync(body, source: "no-such-source");
        var garbage = await SendAsync(body, signature: "v1,!!!");

        var answers = new List<string>();
        foreach (var response in new[] { wrongSecret, unknown, garbage })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var problem = await response.JsonOf();
            answers.Add($"{problem.GetProperty("title")}: {problem.GetProperty("detail")}");
        }

        Assert.Single(answers.Distinct());
        Assert.Contains("Invalid signature", answers[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATimestampWithASign_IsNotAUnixTime_And401()
    {
        var response = await SignedWebhook.SendAsync(App, """{"id":"wh-signed-ts","botId":"webhook-bot"}""", timestampHeader: ts => $"+{ts}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Missing or not a number", (await response.JsonOf()).GetProperty("errors").GetProperty("webhook-timestamp")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-6, "Older than the server's clock by 6 min")]
    [InlineData(6, "Later than the server's clock by 6 min")]
    public async Task ATimestampOutOfTolerance_Is401_SayingHowFarOff_WhateverTheSource(int minutes, string message)
    {
        var body = """{"id":"wh-stale","botId":"webhook-bot"}""";
        var timestamp = DateTimeOffset.UtcNow.AddMinutes(minutes).ToUnixTimeSeconds();

        foreach (var response in new[] { await SendAsync(body, timestamp: timestamp), await SendAsync(body, source: "no-such-source", timestamp: timestamp) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var error = (await response.JsonOf()).GetProperty("errors").GetProperty("webhook-timestamp")[0].GetString();
            Assert.StartsWith(message, error, StringComparison.Ordinal);
        }
    }
}
