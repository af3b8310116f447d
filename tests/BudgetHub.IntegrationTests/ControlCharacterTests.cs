using System.Net;
using System.Net.Http.Json;
using BudgetHub.IntegrationTests.Usage;

namespace BudgetHub.IntegrationTests;

/// <summary>
/// Text with control characters (a \u0000 above all, which PostgreSQL refuses) is a 400 that names the
/// field or parameter, wherever it is sent, and nothing is stored.
/// </summary>
public sealed class ControlCharacterTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Refused = "Must not contain control characters";

    private AppProcess App => fixture.App;

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.JsonOf()).GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.StartsWith(Refused, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("botId")]
    [InlineData("id")]
    [InlineData("userId")]
    [InlineData("model")]
    [InlineData("conversationId")]
    public async Task AnEventWithAControlCharacterInAString_IsRefused_AndNotStored(string field)
    {
        using var client = App.CreateClient();
        var id = $"nul-{Guid.NewGuid():N}";
        var fields = new Dictionary<string, string> { ["id"] = id, ["botId"] = "nul-bot", [field] = "a\u0000b" };

        var response = await client.PostJsonAsync("/api/v1/usage/events", fields);

        await AssertRefusedAsync(response, field);
        var bots = (await (await client.GetAsync("/api/v1/bots")).JsonOf()).GetProperty("items").EnumerateArray();
        Assert.DoesNotContain(bots, b => b.GetProperty("botId").GetString()!.StartsWith("nul-bot", StringComparison.Ordinal) || b.GetProperty("botId").GetString() == "a\u0000b");
    }

    [Fact]
    public async Task BodiesWithAControlCharacter_AreAFieldError_AndChangeNothing()
    {
        using var client = App.CreateClient();
        (await client.PostJsonAsync("/api/v1/usage/events", Api.Event($"e-{Guid.NewGuid():N}", bot: "ctl-bot"))).EnsureSuccessStatusCode();
        var accountBefore = await (await client.GetAsync("/api/v1/account")).Content.ReadAsStringAsync();

        await AssertRefusedAsync(await client.PostJsonAsync("/api/v1/policies", new
        {
            name = "Tab\there", kind = "usage", scope = new { type = "account" }, metric = "tokens", limit = 100,
            window = new { type = "fixed", unit = "day" }, action = "warn",
        }), "name");
        await AssertRefusedAsync(await client.PostJsonAsync("/api/v1/bots/ctl-bot/pause", new { reason = "line\nbreak" }), "reason");
        await AssertRefusedAsync(await client.PutAsJsonAsync("/api/v1/account", new { name = "Acme\u0000" }, Api.Json), "name");

        Assert.Equal(0, (await (await client.GetAsync("/api/v1/policies")).JsonOf()).GetProperty("items").EnumerateArray()
            .Count(p => p.GetProperty("name").GetString()!.StartsWith("Tab", StringComparison.Ordinal)));
        Assert.Equal("active", (await (await client.GetAsync("/api/v1/bots")).JsonOf()).GetProperty("items").EnumerateArray()
            .Single(b => b.GetProperty("botId").GetString() == "ctl-bot").GetProperty("status").GetString());
        Assert.Equal(accountBefore, await (await client.GetAsync("/api/v1/account")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/v1/enforcement/check?botId=a%00b", "botId")]
    [InlineData("/api/v1/enforcement/check?botId=ok&tier=a%0Ab", "tier")]
    [InlineData("/api/v1/enforcement/log?botId=a%00b", "botId")]
    [InlineData("/api/v1/alerts?botId=a%00b", "botId")]
    [InlineData("/api/v1/bots/a%01b/usage", "botId")]
    public async Task AParameterWithAControlCharacter_IsRefused_NamingIt(string path, string parameter)
    {
        using var client = App.CreateClient();

        await AssertRefusedAsync(await client.GetAsync(path), parameter);
    }

    /// <remarks>A \u0000 in a path never reaches the app: Kestrel answers 400 to it.</remarks>
    [Fact]
    public async Task AWebhookSourceIdWithAControlCharacter_IsAnUnknownSource()
    {
        var response = await SignedWebhook.SendAsync(App, """{"id":"w-1","botId":"b"}""", source: "a%01b");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
