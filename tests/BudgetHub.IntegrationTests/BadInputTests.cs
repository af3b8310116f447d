using System.Net;

namespace BudgetHub.IntegrationTests;

/// <summary>Bad bodies and parameters outside ingestion and policies: a 400 that names the field, and nothing changed.</summary>
public sealed class BadInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    private async Task<string> NewBotAsync(HttpClient client)
    {
        var bot = $"pause-{Guid.NewGuid():N}"[..20];
        (await client.PostJsonAsync("/api/v1/usage/events", Api.Event($"e-{Guid.NewGuid():N}", bot: bot))).EnsureSuccessStatusCode();
        return bot;
    }

    [Theory]
    [InlineData("""{"untill":"2030-01-01T00:00:00Z"}""", "untill", "Not a field of a pause")]
    [InlineData("""{"until":"9999-12-31T23:59:59Z"}""", "until", "Must be within 100 years")]
    [InlineData("""{"until":5}""", "until", "Must be an ISO 8601 time")]
    [InlineData("""{"until":"2030-01-01T00:00:00"}""", "until", "Must be an ISO 8601 time with an offset")]
    [InlineData("""{"until":"2030-01-01T00:00Z"}""", "until", "Must be an ISO 8601 time with an offset")]
    [InlineData("null", "body", "Send a pause as a JSON object.")]
    [InlineData("""{"duration":"10 minutes"}""", "duration", "An ISO 8601 duration")]
    [InlineData("""{"duration":"PT0S"}""", "duration", "An ISO 8601 duration longer than zero")]
    [InlineData("""{"duration":"P99999D"}""", "duration", "An ISO 8601 duration longer than zero and at most P3660D")]
    [InlineData("""{"duration":"PT1H","until":"2030-01-01T00:00:00Z"}""", "duration", "Give until or duration, not both.")]
    public async Task APauseBodyThatCannotBeMeant_IsAFieldError_AndTheBotStaysActive(string body, string field, string message)
    {
        using var client = App.CreateClient();
        var bot = await NewBotAsync(client);

        var response = await client.PostRawAsync($"/api/v1/bots/{bot}/pause", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(message, (await response.JsonOf()).GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("active", (await (await client.GetAsync("/api/v1/bots")).JsonOf()).GetProperty("items").EnumerateArray()
            .Single(b => b.GetProperty("botId").GetString() == bot).GetProperty("status").GetString());
    }

    [Fact]
    public async Task APauseUntilATimeWithAnOffset_EndsAtThatInstant()
    {
        using var client = App.CreateClient();
        var bot = await NewBotAsync(client);

        var response = await client.PostRawAsync($"/api/v1/bots/{bot}/pause", """{"until":"2030-01-01T00:00:00.123456789+02:00"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new DateTimeOffset(2029, 12, 31, 22, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), (await response.JsonOf()).GetProperty("pausedUntil").GetDateTimeOffset());
    }

    [Fact]
    public async Task APauseForADuration_EndsThatLongFromNow_AndAPauseAgainReplacesTheReasonAndTheEnd()
    {
        using var client = App.CreateClient();
        var bot = await NewBotAsync(client);

        var first = await (await client.PostJsonAsync($"/api/v1/bots/{bot}/pause", new { duration = "PT10M", reason = "first" })).JsonOf();
        var second = await (await client.PostJsonAsync($"/api/v1/bots/{bot}/pause", new { duration = "PT2H", reason = "second" })).JsonOf();

        var firstEnd = first.GetProperty("pausedUntil").GetDateTimeOffset();
        Assert.InRange(firstEnd - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.EndsWith(": first", first.GetProperty("pauseReason").GetString(), StringComparison.Ordinal);
        Assert.InRange(second.GetProperty("pausedUntil").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(119), TimeSpan.FromMinutes(120));
        Assert.EndsWith(": second", second.GetProperty("pauseReason").GetString(), StringComparison.Ordinal);
        var check = await (await client.GetAsync($"/api/v1/enforcement/check?botId={bot}")).JsonOf();
        Assert.Single(check.GetProperty("blocks").EnumerateArray());
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesThePauseBody()
    {
        using var client = App.CreateClient(apiKey: null);

        var document = await (await client.GetAsync("/openapi/v1.json")).JsonOf();

        var body = document.GetProperty("paths").GetProperty("/api/v1/bots/{botId}/pause").GetProperty("post").GetProperty("requestBody");
        Assert.False(body.TryGetProperty("required", out var required) && required.GetBoolean());
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty("PauseRequest").GetProperty("properties");
        Assert.Equal(["until", "duration", "reason"], schema.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesTheEventAndPolicyBodies()
    {
        using var client = App.CreateClient(apiKey: null);

        var document = await (await client.GetAsync("/openapi/v1.json")).JsonOf();

        var paths = document.GetProperty("paths");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var path in new[] { "/api/v1/usage/events", "/api/v1/webhooks/{sourceId}" })
        {
            var body = paths.GetProperty(path).GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            var oneOf = body.GetProperty("oneOf").EnumerateArray().ToList();
            Assert.Equal("#/components/schemas/UsageEventBody", oneOf[0].GetProperty("$ref").GetString());
            Assert.Equal((1000, "#/components/schemas/UsageEventBody"), (oneOf[1].GetProperty("maxItems").GetInt32(), oneOf[1].GetProperty("items").GetProperty("$ref").GetString()));
        }

        var fields = schemas.GetProperty("UsageEventBody").GetProperty("properties");
        Assert.Contains("costUsd", fields.EnumerateObject().Select(p => p.Name));
        Assert.Equal(128, fields.GetProperty("botId").GetProperty("maxLength").GetInt32());
        Assert.Equal("#/components/schemas/PolicyRequest", paths.GetProperty("/api/v1/policies").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        var limit = schemas.GetProperty("PolicyResponse").GetProperty("properties").GetProperty("limit");
        Assert.Equal(["null", "number"], limit.GetProperty("type").EnumerateArray().Select(t => t.GetString()).Order());
    }

    [Theory]
    [InlineData("POST", "/api/v1/bots/{bot}/pause")]
    [InlineData("POST", "/api/v1/policies")]
    [InlineData("PUT", "/api/v1/account")]
    public async Task ABodySentAsText_Is415SayingToSendJson_NotA500(string method, string path)
    {
        using var client = App.CreateClient();
        var bot = await NewBotAsync(client);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.Replace("{bot}", bot, StringComparison.Ordinal))
        {
            Content = new StringContent("hello", System.Text.Encoding.UTF8, "text/plain"),
        });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("Send the body as JSON with 'Content-Type: application/json'.", (await response.JsonOf()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnAccountFieldMisspelledOrOfTheWrongType_IsAFieldError()
    {
        using var client = App.CreateClient();

        var misspelled = await client.PutAsync("/api/v1/account", new StringContent("""{"nmae":"Typo"}""", System.Text.Encoding.UTF8, "application/json"));
        var wrongType = await client.PutAsync("/api/v1/account", new StringContent("""{"timeZone":5}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, misspelled.StatusCode);
        Assert.StartsWith("Not a field", (await misspelled.JsonOf()).GetProperty("errors").GetProperty("nmae")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Must be a string.", (await wrongType.JsonOf()).GetProperty("errors").GetProperty("timeZone")[0].GetString());
    }

    [Fact]
    public async Task EveryBadSummaryParameter_IsReportedAtOnce()
    {
        using var client = App.CreateClient();

        var response = await client.GetAsync("/api/v1/usage/summary?from=garbage&to=junk&groupBy=foo&interval=week");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonOf()).GetProperty("errors");
        Assert.Equal(["from", "groupBy", "interval", "to"], errors.EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task ACheckParameterGivenTwice_IsAFieldError_NotABotNamedWithBoth()
    {
        using var client = App.CreateClient();

        var response = await client.GetAsync("/api/v1/enforcement/check?botId=a&botId=b&userId=u");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonOf()).GetProperty("errors");
        Assert.Equal("Sent twice: give one value.", errors.GetProperty("botId")[0].GetString());
        Assert.False(errors.TryGetProperty("userId", out _));
    }

    [Fact]
    public async Task APolicyIdWithALeadingZero_IsNotFound_ItIsAnotherSpelling()
    {
        using var client = App.CreateClient();
        var id = await client.CreatePolicyAsync(new { name = "Zero", kind = "retention", scope = new { type = "account" }, maxAge = "P30D" });

        var canonical = await client.GetAsync($"/api/v1/policies/{id}");
        var padded = await client.GetAsync($"/api/v1/policies/{id.Replace("pol_", "pol_0", StringComparison.Ordinal)}");

        Assert.Equal(HttpStatusCode.OK, canonical.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, padded.StatusCode);
    }

    [Fact]
    public async Task APathOrMethodWithNoEndpoint_SaysWhatWasAsked()
    {
        using var client = App.CreateClient();

        var unknown = await client.GetAsync("/api/v1/usage/event");
        var wrongMethod = await client.DeleteAsync("/api/v1/usage/events");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("There is nothing at /api/v1/usage/event. The API's paths are listed at /openapi/v1.json.", (await unknown.JsonOf()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("/api/v1/usage/events does not take DELETE; it takes GET, HEAD, POST.", (await wrongMethod.JsonOf()).GetProperty("detail").GetString());
    }
}
