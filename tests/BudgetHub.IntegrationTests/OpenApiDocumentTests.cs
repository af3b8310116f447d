using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BudgetHub.IntegrationTests.Usage;

namespace BudgetHub.IntegrationTests;

/// <summary>
/// <c>/openapi/v1.json</c> says what the API really takes and answers: its text is checked, and real
/// requests and answers are held against its schemas.
/// </summary>
public sealed class OpenApiDocumentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Webhook = "/api/v1/webhooks/{sourceId}";

    private static readonly string[] ProblemSchemas = ["#/components/schemas/ProblemDetails", "#/components/schemas/HttpValidationProblemDetails"];

    private AppProcess App => fixture.App;

    private static JsonElement Json(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();

    private static string[] Names(JsonElement array) => array.EnumerateArray().Select(name => name.GetString()!).Order(StringComparer.Ordinal).ToArray();

    private static string[] Keys(JsonElement responses) => responses.EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal).ToArray();

    private static string RefOf(JsonElement response, string mediaType = "application/json") =>
        response.GetProperty("content").GetProperty(mediaType).GetProperty("schema").GetProperty("$ref").GetString()!;

    [Fact]
    public async Task TheEventSchema_RequiresIdAndBotId_AndTakesNullWhereTheParserTakesIt()
    {
        var document = await OpenApiDocument.LoadAsync(App);
        using var client = App.CreateClient();
        var schema = document.Schemas.GetProperty("UsageEventBody");

        Assert.Equal(["botId", "id"], Names(schema.GetProperty("required")));
        foreach (var field in schema.GetProperty("properties").EnumerateObject().Select(p => p.Name))
        {
            var withNull = new JsonObject { ["id"] = $"null-{Guid.NewGuid():N}", ["botId"] = "openapi-bot", [field] = null };
            var answer = await client.PostRawAsync("/api/v1/usage/events", withNull.ToJsonString());
            var documentTakesIt = document.Check("UsageEventBody", Json(withNull)).Count == 0;
            Assert.True(documentTakesIt == (answer.StatusCode == HttpStatusCode.OK),
                $"{field}: null is {(documentTakesIt ? "valid" : "invalid")} by the document; the API answered {(int)answer.StatusCode}.");
        }

        var body = document.Operation("post", "/api/v1/usage/events").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var tooMany = new JsonArray([.. Enumerable.Range(0, 1001).Select(i => (JsonNode)new JsonObject { ["id"] = $"many-{i}-{Guid.NewGuid():N}", ["botId"] = "openapi-bot" })]);
        foreach (var batch in new[] { new JsonArray(), tooMany })
        {
            Assert.NotEmpty(document.Check(body, Json(batch)));
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostRawAsync("/api/v1/usage/events", batch.ToJsonString())).StatusCode);
        }
    }

    /// <summary>Each field of a policy left out, and sent as null: the API creates the policy exactly when the document says the body is valid.</summary>
    [Fact]
    public async Task ThePolicySchema_RequiresWhatTheApiRequires_AndTakesNullWhereTheApiTakesIt()
    {
        var document = await OpenApiDocument.LoadAsync(App);
        using var client = App.CreateClient();
        JsonObject Usage() => new()
        {
            ["name"] = $"OpenAPI {Guid.NewGuid():N}", ["kind"] = "usage", ["scope"] = new JsonObject { ["type"] = "bot", ["id"] = "openapi-policy-bot" },
            ["metric"] = "tokens", ["limit"] = 100, ["window"] = new JsonObject { ["type"] = "fixed", ["unit"] = "hour" }, ["thresholds"] = new JsonArray(50),
            ["action"] = "warn", ["notify"] = new JsonObject { ["email"] = true, ["recipients"] = new JsonArray(), ["inApp"] = true, ["webhookUrl"] = null },
            ["filter"] = new JsonObject { ["model"] = null, ["category"] = null }, ["enabled"] = true,
        };
        JsonObject Retention() => new()
        {
            ["name"] = $"OpenAPI {Guid.NewGuid():N}", ["kind"] = "retention", ["scope"] = new JsonObject { ["type"] = "account" }, ["maxAge"] = "P30D", ["enabled"] = true,
        };
        var nested = new[] { "scope.type", "scope.id", "window.type", "window.unit", "notify.email", "notify.recipients", "notify.inApp", "filter.model" };
        var cases = Usage().Select(f => f.Key).Concat(nested).Select(path => ((Func<JsonObject>)Usage, path))
            .Concat(Retention().Select(f => ((Func<JsonObject>)Retention, f.Key)));

        foreach (var (make, path) in cases)
        {
            foreach (var leftOut in new[] { true, false })
            {
                var body = make();
                var (parent, field) = path.Split('.') is [var outer, var inner] ? (body[outer]!.AsObject(), inner) : (body, path);
                if (leftOut)
                {
                    parent.Remove(field);
                }
                else
                {
                    parent[field] = null;
                }

                var answer = await client.PostRawAsync("/api/v1/policies", body.ToJsonString());
                var problems = document.Check("PolicyRequest", Json(body));
                var documentTakesIt = problems.Count == 0;
                Assert.True(documentTakesIt == (answer.StatusCode == HttpStatusCode.Created),
                    $"{body["kind"]}, {path} {(leftOut ? "left out" : "null")}: the document says [{string.Join("; ", problems)}]; "
                    + $"the API answered {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            }
        }
    }

    [Fact]
    public async Task EveryErrorIsProblemDetails_EveryApiKeyEndpointTakesTheBearerScheme_AndTheWebhookItsSignatureHeaders()
    {
        var document = await OpenApiDocument.LoadAsync(App);

        var scheme = document.Root.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString()!, scheme.GetProperty("scheme").GetString()!));
        var operations = document.Operations().Where(o => o.Path.StartsWith("/api/v1/", StringComparison.Ordinal)).ToList();
        Assert.True(operations.Count >= 15, $"{operations.Count} operations");
        foreach (var (method, path, operation) in operations)
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            var responses = operation.GetProperty("responses");
            foreach (var error in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                Assert.True(error.Value.TryGetProperty("content", out var content), $"{name} {error.Name} has no content.");
                Assert.Equal(["application/problem+json"], content.EnumerateObject().Select(c => c.Name));
                Assert.Contains(RefOf(error.Value, "application/problem+json"), ProblemSchemas);
            }

            Assert.True(responses.TryGetProperty("401", out _), $"{name} does not list 401.");
            if (operation.TryGetProperty("requestBody", out _))
            {
                Assert.Subset(Keys(responses).ToHashSet(), new HashSet<string> { "400", "413", "415" });
            }

            if (path == Webhook)
            {
                Assert.False(operation.TryGetProperty("security", out _));
                var headers = operation.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").ToList();
                Assert.Equal(["webhook-id", "webhook-signature", "webhook-timestamp"], headers.Select(h => h.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
                Assert.All(headers, header => Assert.True(header.GetProperty("required").GetBoolean()));
            }
            else
            {
                Assert.True(JsonElement.DeepEquals(Json(JsonNode.Parse("""[{"apiKey":[]}]""")!), operation.GetProperty("security")), $"{name} does not take the API key.");
            }
        }

        foreach (var ingestion in new[] { "/api/v1/usage/events", Webhook })
        {
            var tooMany = document.Operation("post", ingestion).GetProperty("responses").GetProperty("429");
            Assert.True(tooMany.GetProperty("headers").GetProperty("Retry-After").GetProperty("required").GetBoolean());
        }
    }

    [Fact]
    public async Task TheOperations_ListTheAnswersTheyGive_AndTheBodiesTheirLimits()
    {
        var document = await OpenApiDocument.LoadAsync(App);
        JsonElement Responses(string method, string path) => document.Operation(method, path).GetProperty("responses");

        Assert.Equal(["201", "400", "401", "403", "413", "415"], Keys(Responses("post", "/api/v1/policies")));
        Assert.Equal("#/components/schemas/PolicyResponse", RefOf(Responses("post", "/api/v1/policies").GetProperty("201")));
        Assert.Equal(["200", "400", "401", "403", "404", "413", "415"], Keys(Responses("put", "/api/v1/policies/{id}")));
        Assert.Equal("#/components/schemas/PolicyResponse", RefOf(Responses("put", "/api/v1/policies/{id}").GetProperty("200")));
        Assert.Equal(["200", "401", "404"], Keys(Responses("get", "/api/v1/policies/{id}")));
        Assert.Equal(["204", "401", "403", "404"], Keys(Responses("delete", "/api/v1/policies/{id}")));
        Assert.Equal(["200", "400", "401", "403", "404", "413", "415"], Keys(Responses("post", "/api/v1/bots/{botId}/pause")));
        Assert.Equal(["200", "401", "403", "404"], Keys(Responses("post", "/api/v1/bots/{botId}/resume")));
        foreach (var path in new[] { "/api/v1/bots/{botId}/pause", "/api/v1/bots/{botId}/resume" })
        {
            Assert.Equal("#/components/schemas/BotItem", RefOf(Responses("post", path).GetProperty("200")));
        }

        Assert.Equal(["200", "401", "404"], Keys(Responses("get", "/api/v1/bots/{botId}/usage")));
        Assert.Equal(["200", "401", "403", "404"], Keys(Responses("post", "/api/v1/alerts/{id}/acknowledge")));
        Assert.Equal(["200", "401", "404"], Keys(Responses("get", "/api/v1/account")));
        foreach (var method in new[] { "get", "post" })
        {
            Assert.Equal(["200", "401", "403"], Keys(Responses(method, "/api/v1/account/webhook-secret")));
            Assert.Equal("#/components/schemas/WebhookSecretResponse", RefOf(Responses(method, "/api/v1/account/webhook-secret").GetProperty("200")));
        }

        var botId = document.Operation("get", "/api/v1/enforcement/check").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "botId");
        Assert.True(botId.GetProperty("required").GetBoolean());

        var schemas = document.Schemas;
        Assert.Equal(["name", "scope"], Names(schemas.GetProperty("PolicyRequest").GetProperty("required")));
        Assert.Equal(["metric", "limit", "window"], schemas.GetProperty("PolicyRequest").GetProperty("else").GetProperty("required").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["maxAge"], schemas.GetProperty("PolicyRequest").GetProperty("then").GetProperty("required").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["type"], Names(schemas.GetProperty("ScopeDto").GetProperty("required")));
        Assert.Equal(["type"], Names(schemas.GetProperty("WindowDto").GetProperty("required")));
        foreach (var allOptional in new[] { "NotifyDto", "FilterDto", "PauseRequest", "UpdateAccountRequest" })
        {
            Assert.False(schemas.GetProperty(allOptional).TryGetProperty("required", out var required) && required.GetArrayLength() > 0, allOptional);
        }

        Assert.Contains("not both", schemas.GetProperty("PauseRequest").GetProperty("description").GetString(), StringComparison.Ordinal);
        var policy = schemas.GetProperty("PolicyRequest").GetProperty("properties");
        var threshold = policy.GetProperty("thresholds").GetProperty("items");
        Assert.Equal((1, 99), (threshold.GetProperty("minimum").GetInt32(), threshold.GetProperty("maximum").GetInt32()));
        Assert.Equal(0, policy.GetProperty("limit").GetProperty("minimum").GetInt32());
        foreach (var id in new[] { "id", "botId" })
        {
            var field = schemas.GetProperty("UsageEventBody").GetProperty("properties").GetProperty(id);
            Assert.Equal((1, 128), (field.GetProperty("minLength").GetInt32(), field.GetProperty("maxLength").GetInt32()));
        }

        var batch = document.Operation("post", "/api/v1/usage/events").GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/json").GetProperty("schema").GetProperty("oneOf")[1];
        Assert.Equal((1, 1000), (batch.GetProperty("minItems").GetInt32(), batch.GetProperty("maxItems").GetInt32()));
    }

    [Fact]
    public async Task RealRequestsAndAnswers_MatchTheDocument()
    {
        var document = await OpenApiDocument.LoadAsync(App);
        using var client = App.CreateClient();
        var problems = new List<string>();
        async Task<JsonElement> Expect(HttpStatusCode status, string method, string path, Task<HttpResponseMessage> sending)
        {
            using var answer = await sending;
            Assert.True(status == answer.StatusCode, $"{method} {path}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            problems.AddRange(await document.CheckAnswerAsync(method, path, answer));
            var body = await answer.Content.ReadAsStringAsync();
            return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        }

        // A body sent is first checked against the operation's request body.
        Task<HttpResponseMessage> Post(string operation, string path, JsonNode body)
        {
            var schema = document.Operation("post", operation).GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            problems.AddRange(document.Check(schema, Json(body)).Select(problem => $"request to {path}: {problem}"));
            return client.PostRawAsync(path, body.ToJsonString());
        }

        var bot = $"openapi-{Guid.NewGuid():N}"[..24];
        var anEvent = new JsonObject { ["id"] = $"e-{Guid.NewGuid():N}", ["botId"] = bot, ["inputTokens"] = 10, ["costUsd"] = 0.01, ["timestamp"] = null };
        await Expect(HttpStatusCode.OK, "post", "/api/v1/usage/events", Post("/api/v1/usage/events", "/api/v1/usage/events", new JsonArray(anEvent)));
        await Expect(HttpStatusCode.BadRequest, "post", "/api/v1/usage/events", client.PostRawAsync("/api/v1/usage/events", """{"id":"e","botId":"b","outputTokens":null}"""));
        await Expect(HttpStatusCode.UnsupportedMediaType, "post", "/api/v1/usage/events", client.PostRawAsync("/api/v1/usage/events", "{}", "text/plain"));
        await Expect(HttpStatusCode.OK, "post", Webhook, SignedWebhook.SendAsync(App, new JsonObject { ["id"] = $"w-{Guid.NewGuid():N}", ["botId"] = bot }.ToJsonString()));
        await Expect(HttpStatusCode.Unauthorized, "post", Webhook, SignedWebhook.SendAsync(App, "{}", signature: "v1,AAAA"));
        await Expect(HttpStatusCode.OK, "get", "/api/v1/enforcement/check", client.GetAsync($"/api/v1/enforcement/check?botId={bot}&userId=u1"));
        await Expect(HttpStatusCode.BadRequest, "get", "/api/v1/enforcement/check", client.GetAsync("/api/v1/enforcement/check"));
        using (var anonymous = App.CreateClient(apiKey: null))
        {
            await Expect(HttpStatusCode.Unauthorized, "get", "/api/v1/account", anonymous.GetAsync("/api/v1/account"));
            await Expect(HttpStatusCode.Unauthorized, "get", "/api/v1/enforcement/check", anonymous.GetAsync($"/api/v1/enforcement/check?botId={bot}"));
        }

        await Expect(HttpStatusCode.OK, "get", "/api/v1/account", client.GetAsync("/api/v1/account"));

        var policy = await Expect(HttpStatusCode.Created, "post", "/api/v1/policies", Post("/api/v1/policies", "/api/v1/policies", new JsonObject
        {
            ["name"] = $"OpenAPI {Guid.NewGuid():N}", ["scope"] = new JsonObject { ["type"] = "bot", ["id"] = bot }, ["metric"] = "cost", ["limit"] = 5.5,
            ["window"] = new JsonObject { ["type"] = "rolling", ["duration"] = "PT30M" }, ["action"] = "block", ["blockFor"] = "PT1H",
        }));
        var policyId = policy.GetProperty("id").GetString()!;
        await Expect(HttpStatusCode.BadRequest, "post", "/api/v1/policies", client.PostRawAsync("/api/v1/policies", """{"name":"x","scope":{"type":"bot"},"thresholds":[100]}"""));
        var read = await Expect(HttpStatusCode.OK, "get", "/api/v1/policies/{id}", client.GetAsync($"/api/v1/policies/{policyId}"));
        var stored = JsonNode.Parse(read.GetRawText())!;
        Assert.Empty(document.Check("PolicyRequest", read)); // an answer may be edited and PUT back
        stored["limit"] = 7;
        await Expect(HttpStatusCode.OK, "put", "/api/v1/policies/{id}", client.PutAsync($"/api/v1/policies/{policyId}",
            new StringContent(stored.ToJsonString(), System.Text.Encoding.UTF8, "application/json")));
        await Expect(HttpStatusCode.NotFound, "get", "/api/v1/policies/{id}", client.GetAsync("/api/v1/policies/pol_999999"));
        await Expect(HttpStatusCode.OK, "get", "/api/v1/policies", client.GetAsync("/api/v1/policies"));

        await Expect(HttpStatusCode.OK, "get", "/api/v1/bots/{botId}/usage", client.GetAsync($"/api/v1/bots/{bot}/usage"));
        await Expect(HttpStatusCode.NotFound, "get", "/api/v1/bots/{botId}/usage", client.GetAsync("/api/v1/bots/no-such-bot/usage"));
        await Expect(HttpStatusCode.OK, "post", "/api/v1/bots/{botId}/pause", Post("/api/v1/bots/{botId}/pause", $"/api/v1/bots/{bot}/pause", new JsonObject { ["duration"] = "PT10M", ["reason"] = "docs" }));
        await Expect(HttpStatusCode.BadRequest, "post", "/api/v1/bots/{botId}/pause",
            client.PostRawAsync($"/api/v1/bots/{bot}/pause", """{"duration":"PT10M","until":"2030-01-01T00:00:00Z"}"""));
        await Expect(HttpStatusCode.NotFound, "post", "/api/v1/bots/{botId}/pause", client.PostRawAsync("/api/v1/bots/no-such-bot/pause", "{}"));
        await Expect(HttpStatusCode.OK, "post", "/api/v1/bots/{botId}/resume", client.PostAsync($"/api/v1/bots/{bot}/resume", null));
        await Expect(HttpStatusCode.OK, "get", "/api/v1/bots", client.GetAsync("/api/v1/bots"));
        await Expect(HttpStatusCode.NotFound, "post", "/api/v1/alerts/{id}/acknowledge", client.PostAsync("/api/v1/alerts/alr_999999/acknowledge", null));
        await Expect(HttpStatusCode.OK, "get", "/api/v1/alerts", client.GetAsync("/api/v1/alerts"));
        await Expect(HttpStatusCode.OK, "get", "/api/v1/enforcement/log", client.GetAsync($"/api/v1/enforcement/log?botId={bot}"));
        await Expect(HttpStatusCode.OK, "get", "/api/v1/usage/summary", client.GetAsync("/api/v1/usage/summary?groupBy=model&interval=day"));
        await Expect(HttpStatusCode.NoContent, "delete", "/api/v1/policies/{id}", client.DeleteAsync($"/api/v1/policies/{policyId}"));

        Assert.Empty(problems);
    }
}
