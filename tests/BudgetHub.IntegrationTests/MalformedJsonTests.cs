using System.Net;
using System.Text;
using BudgetHub.IntegrationTests.Usage;

namespace BudgetHub.IntegrationTests;

/// <summary>A body that is not JSON at all, on every endpoint that takes one: where it breaks, in the API's own words, and nothing changed.</summary>
public sealed class MalformedJsonTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    [Theory]
    [InlineData("POST", "/api/v1/usage/events", """{"id":"cut-1","botId":""", "$", 22)]
    [InlineData("POST", "/api/v1/usage/events", """[{"id":"cut-2","botId":"cut-bot"},{"id":"cut-3","botId":"cut-bot"}""", "$", 66)]
    [InlineData("POST", "/api/v1/policies", """{"name":"Cut off","scope":""", "body", 26)]
    [InlineData("POST", "/api/v1/bots/cut-bot/pause", """{"duration":"PT1H""", "body", 17)]
    [InlineData("PUT", "/api/v1/account", """{"name":"Cut off""", "body", 16)]
    public async Task ABodyCutOff_IsIncompleteJsonAtWhereItEnds_NotAFieldOfTheWrongType(string method, string path, string body, string key, int position)
    {
        using var client = App.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

        var problem = await AssertNotJsonAsync(response, key);
        Assert.StartsWith($"The JSON is incomplete: it ends at line 1, position {position},", problem, StringComparison.Ordinal);
        Assert.Equal(0, await Api.ScalarAsync(App.DatabasePath, "SELECT count(*) FROM UsageEvents WHERE EventId LIKE 'cut-%'")
            + await Api.ScalarAsync(App.DatabasePath, "SELECT count(*) FROM Policies WHERE Name = 'Cut off'")
            + await Api.ScalarAsync(App.DatabasePath, "SELECT count(*) FROM Accounts WHERE Name = 'Cut off'"));
    }

    [Fact]
    public async Task ASignedWebhookBodyCutOff_IsIncompleteJson()
    {
        var response = await SignedWebhook.SendAsync(App, "[{\"id\":\"cut-hook\",\"botId\":\"cut-bot\"}\n");

        Assert.StartsWith("The JSON is incomplete: it ends at line 1, position 36,", await AssertNotJsonAsync(response, "$"), StringComparison.Ordinal);
        Assert.Equal(0, await Api.ScalarAsync(App.DatabasePath, "SELECT count(*) FROM UsageEvents WHERE EventId = 'cut-hook'"));
    }

    [Theory]
    [InlineData("/api/v1/usage/events", "{\n  \"id\": \"bad-1\",\n  \"botId\" \"x\"\n}", "$", "line 3, position 11 ('\"')")]
    [InlineData("/api/v1/usage/events", """{"id":"bad-2","botId":"x",}""", "$", "line 1, position 27 ('}')")]
    [InlineData("/api/v1/policies", """{"name":"Cut off",limit:10}""", "body", "line 1, position 19 ('l')")]
    public async Task AMalformedBody_SaysTheLineAndPositionWhereItBreaks(string path, string body, string key, string where)
    {
        using var client = App.CreateClient();

        var response = await client.PostRawAsync(path, body);

        Assert.StartsWith($"The JSON is malformed at {where}:", await AssertNotJsonAsync(response, key), StringComparison.Ordinal);
    }

    /// <returns>The problem, the same in the detail and under <paramref name="key"/>, in the API's words rather than the JSON reader's.</returns>
    private static async Task<string> AssertNotJsonAsync(HttpResponseMessage response, string key)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.JsonOf();
        var problem = json.GetProperty("errors").GetProperty(key)[0].GetString()!;
        Assert.Equal(problem, json.GetProperty("detail").GetString());
        Assert.Equal("Invalid request body", json.GetProperty("title").GetString());
        Assert.Single(json.GetProperty("errors").EnumerateObject());
        Assert.DoesNotContain("Expected", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to read", problem, StringComparison.Ordinal);
        return problem;
    }
}
