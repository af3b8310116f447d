using System.Net;
using System.Text.Json;

namespace BudgetHub.IntegrationTests;

/// <summary>The paged lists (alerts, the enforcement log) read <c>limit</c> and <c>cursor</c> alike and end without an empty page.</summary>
public sealed class PagingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task AlertsThatFillTheLastPageExactly_HaveNoNextCursor()
    {
        using var client = App.CreateClient();
        var bot = $"paged-{Guid.NewGuid():N}"[..20];
        await client.CreatePolicyAsync(new
        {
            name = $"Pages of {bot}", scope = new { type = "bot", id = bot }, metric = "tokens", limit = 100,
            window = new { type = "fixed", unit = "day" }, thresholds = new[] { 50 }, action = "warn",
        });
        (await client.PostJsonAsync("/api/v1/usage/events", Api.Event($"p-{bot}-1", bot: bot, input: 60))).EnsureSuccessStatusCode();
        (await client.PostJsonAsync("/api/v1/usage/events", Api.Event($"p-{bot}-2", bot: bot, input: 60))).EnsureSuccessStatusCode();
        await Poll.UntilAsync(async () => (await AlertsAsync(client, $"botId={bot}")).GetProperty("items").GetArrayLength(), n => n == 2, "the 50% and 100% alerts");

        var whole = await AlertsAsync(client, $"botId={bot}&limit=2");
        var first = await AlertsAsync(client, $"botId={bot}&limit=1");
        var second = await AlertsAsync(client, $"botId={bot}&limit=1&cursor={first.GetProperty("nextCursor").GetString()}");

        Assert.Equal(2, whole.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("nextCursor").ValueKind);
        Assert.Equal("exceeded", first.GetProperty("items")[0].GetProperty("severity").GetString());
        Assert.Equal("info", second.GetProperty("items")[0].GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=1.5", "limit")]
    [InlineData("limit=+5", "limit")]
    [InlineData("cursor=abc", "cursor")]
    [InlineData("cursor=0", "cursor")]
    [InlineData("cursor=-7", "cursor")]
    [InlineData("cursor=%207", "cursor")]
    public async Task ABadLimitOrCursor_IsTheSameFieldError_OnBothPagedLists(string query, string field)
    {
        using var client = App.CreateClient();

        var alerts = await client.GetAsync($"/api/v1/alerts?{query}");
        var log = await client.GetAsync($"/api/v1/enforcement/log?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, alerts.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, log.StatusCode);
        var (alertsProblem, logProblem) = (await alerts.JsonOf(), await log.JsonOf());
        Assert.Equal("Fix the parameters below.", alertsProblem.GetProperty("detail").GetString());
        Assert.Equal(logProblem.GetProperty("detail").GetString(), alertsProblem.GetProperty("detail").GetString());
        Assert.Equal([field], alertsProblem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(logProblem.GetProperty("errors").GetRawText(), alertsProblem.GetProperty("errors").GetRawText());
    }

    private static async Task<JsonElement> AlertsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/alerts?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonOf();
    }
}
