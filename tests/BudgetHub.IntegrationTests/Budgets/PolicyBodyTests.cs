using System.Net;
using System.Text.Json.Nodes;

namespace BudgetHub.IntegrationTests.Budgets;

/// <summary>A policy body is read strictly: what the API would drop or guess is a field error instead.</summary>
public sealed class PolicyBodyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    private static string Budget(string name, string extra = "") =>
        $$"""{"name":"{{name}}","scope":{"type":"account"},"metric":"tokens","limit":100,"window":{"type":"fixed","unit":"day"}{{extra}}}""";

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..24];

    private Task<long> CountNamedAsync(string name) => Api.ScalarAsync(App.DatabasePath, $"SELECT count(*) FROM Policies WHERE Name = '{name}'");

    [Theory]
    [InlineData(""","threshold":[50]""", "threshold", "Not a field of a policy: did you mean thresholds?")]
    [InlineData(""","filter":{"models":"gpt-4o"}""", "filter.models", "Not a field of a policy: did you mean filter.model?")]
    [InlineData(",\"block_for\":\"PT1H\"", "block_for", "Not a field of a policy: did you mean blockFor?")]
    [InlineData(",\"colour\":\"red\"", "colour", "Not a field of a policy: check its spelling")]
    [InlineData(""","thresholds":[50,"75"]""", "thresholds[1]", "Must be a whole percentage from 1 to 99.")]
    [InlineData(",\"enabled\":\"true\"", "enabled", "Must be true or false.")]
    [InlineData(""","filter":{"model":5}""", "filter.model", "Must be a string.")]
    [InlineData(",\"metric\":\"cost\"", "metric", "Sent twice")]
    public async Task AMisspelledField_AWrongType_OrAFieldSentTwice_IsAFieldErrorSayingWhatTheFieldTakes_AndNothingIsSaved(string extra, string field, string message)
    {
        using var client = App.CreateClient();
        var name = Unique("Strict");

        var response = await client.PostRawAsync("/api/v1/policies", Budget(name, extra));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonOf()).GetProperty("errors");
        Assert.Contains(message, Assert.Single(errors.GetProperty(field).EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountNamedAsync(name));
    }

    [Fact]
    public async Task APolicyAsTheApiAnswersIt_CanBeEditedAndPutBack()
    {
        using var client = App.CreateClient();
        var id = await client.CreatePolicyAsync(System.Text.Json.JsonSerializer.Deserialize<JsonObject>(Budget(Unique("Round trip")))!);
        var policy = JsonNode.Parse(await client.GetStringAsync($"/api/v1/policies/{id}"))!.AsObject();
        policy["limit"] = 250;

        var response = await client.PutAsync($"/api/v1/policies/{id}",
            new StringContent(policy.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(250, (await response.JsonOf()).GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task AHardLimitUntilResumed_IsReadBack_AndTheOthersSayFalse()
    {
        using var client = App.CreateClient();
        var body = System.Text.Json.JsonSerializer.Deserialize<JsonObject>(Budget(Unique("Until resumed")))!;
        body["action"] = "block";
        body["blockUntilResumed"] = true;
        var id = await client.CreatePolicyAsync(body);
        var other = await client.CreatePolicyAsync(System.Text.Json.JsonSerializer.Deserialize<JsonObject>(Budget(Unique("Resets")))!);

        Assert.True((await (await client.GetAsync($"/api/v1/policies/{id}")).JsonOf()).GetProperty("blockUntilResumed").GetBoolean());
        Assert.False((await (await client.GetAsync($"/api/v1/policies/{other}")).JsonOf()).GetProperty("blockUntilResumed").GetBoolean());
    }

    [Fact]
    public async Task ALimitBeyondAnyNumber_AndANameTooLong_SayWhatIsWrong()
    {
        using var client = App.CreateClient();

        var huge = await client.PostRawAsync("/api/v1/policies", Budget(Unique("Huge")).Replace("\"limit\":100", "\"limit\":1e300", StringComparison.Ordinal));
        var longName = await client.PostRawAsync("/api/v1/policies", Budget(new string('n', 1000)));

        Assert.Equal("Out of range: must be a number.", (await huge.JsonOf()).GetProperty("errors").GetProperty("limit")[0].GetString());
        Assert.Equal("At most 200 characters (this one has 1000).", (await longName.JsonOf()).GetProperty("errors").GetProperty("name")[0].GetString());
    }

    [Theory]
    [InlineData("0.0000004", "A cost limit is at least $0.000001 (a millionth of a dollar), or 0 for no limit.")]
    [InlineData("12.3456785", "At most 6 decimal places: costs are counted in millionths of a dollar.")]
    public async Task ACostLimitFinerThanAMillionthOfADollar_IsAFieldError_NotAPolicyWithoutLimit(string limit, string message)
    {
        using var client = App.CreateClient();
        var name = Unique("Tiny");

        var response = await client.PostRawAsync("/api/v1/policies",
            Budget(name).Replace("\"metric\":\"tokens\",\"limit\":100", $"\"metric\":\"cost\",\"limit\":{limit}", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (await response.JsonOf()).GetProperty("errors").GetProperty("limit")[0].GetString());
        Assert.Equal(0, await CountNamedAsync(name));
    }

    [Fact]
    public async Task ACostLimitOfAMillionthOfADollar_IsKept()
    {
        using var client = App.CreateClient();

        var response = await client.PostRawAsync("/api/v1/policies",
            Budget(Unique("Micro")).Replace("\"metric\":\"tokens\",\"limit\":100", "\"metric\":\"cost\",\"limit\":0.000001", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0.000001m, (await response.JsonOf()).GetProperty("limit").GetDecimal());
    }

    [Theory]
    [InlineData("""{"name":"N","scope":{"type":"account","id":"x"},"metric":"tokens","limit":1,"window":{"type":"fixed","unit":"day"}}""",
        "scope.id", "An account-wide policy has no id")]
    [InlineData("""{"name":"N","scope":{"type":"account"},"metric":"tokens","limit":1,"window":{"type":"fixed","unit":"hour","duration":"PT1H"}}""",
        "window.duration", "A fixed window has no duration")]
    [InlineData("""{"name":"N","scope":{"type":"account"},"metric":"tokens","limit":1,"window":{"type":"rolling","unit":"hour","duration":"PT1H"}}""",
        "window.unit", "A rolling window has no unit")]
    [InlineData("""{"name":"N","scope":{"type":"account"},"metric":"tokens","limit":1,"window":{"type":"fixed","unit":"day"},"maxAge":"P30D"}""",
        "maxAge", "Only a retention policy has maxAge")]
    [InlineData("""{"name":"N","kind":"retention","scope":{"type":"account","id":"x"},"maxAge":"P30D"}""",
        "scope.id", "An account-wide policy has no id")]
    [InlineData("""{"name":"N","scope":{"type":"account"},"metric":"tokens","limit":1,"window":{"type":"fixed","unit":"day"},"blockUntilResumed":true}""",
        "blockUntilResumed", "Only a policy with action 'block' blocks")]
    [InlineData("""{"name":"N","scope":{"type":"account"},"metric":"tokens","limit":1,"window":{"type":"fixed","unit":"day"},"action":"block","blockFor":"PT1H","blockUntilResumed":true}""",
        "blockUntilResumed", "A block lasts blockFor or until someone resumes it")]
    [InlineData("""{"name":"N","kind":"retention","scope":{"type":"account"},"maxAge":"P30D","blockUntilResumed":false}""",
        "blockUntilResumed", "A retention policy has no blockUntilResumed")]
    public async Task AFieldThePolicyDoesNotHave_IsAFieldError_NotDropped(string body, string field, string message)
    {
        using var client = App.CreateClient();
        var name = Unique("Dropped");

        var response = await client.PostRawAsync("/api/v1/policies", body.Replace("\"N\"", $"\"{name}\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonOf()).GetProperty("errors");
        Assert.StartsWith(message, Assert.Single(errors.GetProperty(field).EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(0, await CountNamedAsync(name));
    }

    [Theory]
    [InlineData("""{"name":"N","kind":"retention","scope":{"type":"account"},"maxAge":"P1M"}""", "maxAge", "Months and years differ in length")]
    [InlineData("""{"name":"N","kind":"retention","scope":{"type":"account"},"maxAge":"P1Y"}""", "maxAge", "Months and years differ in length")]
    [InlineData("""{"name":"N","kind":"retention","scope":{"type":"account"},"maxAge":"30 days"}""", "maxAge", "Not an ISO 8601 duration")]
    [InlineData("""{"name":"N","kind":"retention","scope":{"type":"account"},"maxAge":"PT30M"}""", "maxAge", "At least one hour")]
    [InlineData("""{"name":"N","scope":{"type":"account"},"metric":"tokens","limit":1,"window":{"type":"rolling","duration":"P1M"}}""",
        "window.duration", "Months and years differ in length")]
    [InlineData("""{"name":"N","scope":{"type":"account"},"metric":"tokens","limit":1,"window":{"type":"fixed","unit":"day"},"action":"block","blockFor":"P1M"}""",
        "blockFor", "Months and years differ in length")]
    public async Task ADurationThatIsWrong_SaysHowItIsWrong(string body, string field, string message)
    {
        using var client = App.CreateClient();
        var name = Unique("Duration");

        var response = await client.PostRawAsync("/api/v1/policies", body.Replace("\"N\"", $"\"{name}\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonOf()).GetProperty("errors");
        Assert.StartsWith(message, Assert.Single(errors.GetProperty(field).EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountNamedAsync(name));
    }

    [Fact]
    public async Task ARetentionPolicyWithAUsagePolicysFields_NamesEachOfThem()
    {
        using var client = App.CreateClient();
        var name = Unique("Retention");

        var response = await client.PostRawAsync("/api/v1/policies", $$"""
            {"name":"{{name}}","kind":"retention","scope":{"type":"account"},"maxAge":"P30D",
             "metric":"tokens","limit":5,"window":{"type":"fixed","unit":"day"},"action":"block"}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonOf()).GetProperty("errors");
        Assert.Equal(["action", "limit", "metric", "window"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.StartsWith("A retention policy has no limit:", errors.GetProperty("limit")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountNamedAsync(name));
    }

    [Fact]
    public async Task ARetentionPolicyAsTheApiAnswersIt_CanBePutBack()
    {
        using var client = App.CreateClient();
        var id = await client.CreatePolicyAsync(new { name = Unique("Keep"), kind = "retention", scope = new { type = "account" }, maxAge = "P30D" });
        var policy = JsonNode.Parse(await client.GetStringAsync($"/api/v1/policies/{id}"))!.AsObject();
        policy["maxAge"] = "P60D";

        var response = await client.PutAsync($"/api/v1/policies/{id}", new StringContent(policy.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("P60D", (await response.JsonOf()).GetProperty("maxAge").GetString());
    }

    [Fact]
    public async Task PuttingABodyThatNamesAnotherPolicy_IsRefused_AndChangesNothing()
    {
        using var client = App.CreateClient();
        var first = await client.CreatePolicyAsync(System.Text.Json.JsonSerializer.Deserialize<JsonObject>(Budget(Unique("First")))!);
        var second = await client.CreatePolicyAsync(System.Text.Json.JsonSerializer.Deserialize<JsonObject>(Budget(Unique("Second")))!);
        var body = JsonNode.Parse(await client.GetStringAsync($"/api/v1/policies/{first}"))!.AsObject();
        body["limit"] = 999;

        var response = await client.PutAsync($"/api/v1/policies/{second}", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Does not match the policy in the address", (await response.JsonOf()).GetProperty("errors").GetProperty("id")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(100, JsonNode.Parse(await client.GetStringAsync($"/api/v1/policies/{second}"))!["limit"]!.GetValue<int>());
    }

    [Fact]
    public async Task NamesComeBackAsWritten_NotAsUnicodeEscapes()
    {
        using var client = App.CreateClient();
        var name = Unique("Team · monthly");

        var response = await client.PostRawAsync("/api/v1/policies", Budget(name));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains($"\"name\":\"{name}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(""","action":"warn","notify":{"recipients":["cfo@example.com"]}""", true, false)]
    [InlineData(""","action":"warn","notify":{"webhookUrl":"https://hooks.example.com/budget"}""", false, false)]
    [InlineData(",\"action\":\"warn\"", true, true)]
    public async Task Notify_NamesTheChannels_AndRecipientsMeanEmail(string extra, bool email, bool inApp)
    {
        using var client = App.CreateClient();

        var response = await client.PostRawAsync("/api/v1/policies", Budget(Unique("Notify"), extra));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var notify = (await response.JsonOf()).GetProperty("notify");
        Assert.Equal((email, inApp), (notify.GetProperty("email").GetBoolean(), notify.GetProperty("inApp").GetBoolean()));
    }

    [Fact]
    public async Task EveryUnknownField_IsNamed_InOneAnswer()
    {
        using var client = App.CreateClient();
        var name = Unique("Unknowns");

        var response = await client.PostRawAsync("/api/v1/policies",
            Budget(name, ""","colour":"red","colour":"blue","block_for":"PT1H","filter":{"models":"gpt-4o"},"threshold":[50]"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonOf()).GetProperty("errors");
        Assert.Equal(["block_for", "colour", "filter.models", "threshold"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("did you mean blockFor?", errors.GetProperty("block_for")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("check its spelling", errors.GetProperty("colour")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountNamedAsync(name));
    }
}
