using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BudgetHub.IntegrationTests.Bots;

/// <summary><c>/api/v1/bots/{botId}/budget</c>: a bot's four caps as numbers, the same caps as on its page.</summary>
public sealed class BotBudgetApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    private static async Task<JsonElement> BudgetAsync(HttpClient client, string bot) =>
        await (await client.GetAsync($"/api/v1/bots/{bot}/budget")).JsonOf();

    [Fact]
    public async Task CapsSetByPut_AreReadBack_AreHardLimits_AndZeroRemovesOne()
    {
        using var client = App.CreateClient();
        var bot = Unique("budget");
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot, input: 10));

        var set = await client.PutAsJsonAsync($"/api/v1/bots/{bot}/budget", new { dailyTokens = 1000, dailyCost = 5.5m });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var budget = await BudgetAsync(client, bot);
        Assert.Equal(1000, budget.GetProperty("dailyTokens").GetInt64());
        Assert.Equal(5.5m, budget.GetProperty("dailyCost").GetDecimal());
        Assert.Equal(0, budget.GetProperty("monthlyTokens").GetInt64());

        var outcome = await (await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot, input: 2000))).JsonOf();
        Assert.Equal("block", outcome.GetProperty("results")[0].GetProperty("action").GetString());

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/bots/{bot}/budget", new { dailyTokens = 0 })).StatusCode);
        budget = await BudgetAsync(client, bot);
        Assert.Equal(0, budget.GetProperty("dailyTokens").GetInt64());
        Assert.Equal(5.5m, budget.GetProperty("dailyCost").GetDecimal());
    }

    [Fact]
    public async Task BadCaps_AreFieldErrors_AndNothingIsSaved()
    {
        using var client = App.CreateClient();
        var bot = Unique("badcap");
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot, input: 10));

        var response = await client.PutAsJsonAsync($"/api/v1/bots/{bot}/budget", new { dailyTokens = 100, monthlyTokens = 1.5m, dailyCost = -1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonOf()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("monthlyTokens", out _));
        Assert.True(errors.TryGetProperty("dailyCost", out _));
        Assert.Equal(0, (await BudgetAsync(client, bot)).GetProperty("dailyTokens").GetInt64());
    }

    [Fact]
    public async Task ACap_PausesUntilSomeoneResumes_ByDefault_AndPauseUntilResumedFalse_UntilTheDayResets()
    {
        using var client = App.CreateClient();
        var bot = Unique("resume");
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot, input: 10));

        await client.PutAsJsonAsync($"/api/v1/bots/{bot}/budget", new { dailyTokens = 100 });
        Assert.True((await BudgetAsync(client, bot)).GetProperty("pauseUntilResumed").GetBoolean());
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot, input: 200));
        var check = await (await client.GetAsync($"/api/v1/enforcement/check?botId={bot}")).JsonOf();
        Assert.False(check.GetProperty("allowed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, check.GetProperty("pausedUntil").ValueKind);

        var changed = await client.PutAsJsonAsync($"/api/v1/bots/{bot}/budget", new { pauseUntilResumed = false });
        Assert.False((await changed.JsonOf()).GetProperty("pauseUntilResumed").GetBoolean());
        check = await (await client.GetAsync($"/api/v1/enforcement/check?botId={bot}")).JsonOf();
        Assert.False(check.GetProperty("allowed").GetBoolean());
        Assert.Equal(JsonValueKind.String, check.GetProperty("pausedUntil").ValueKind);
    }

    [Theory]
    [InlineData("{\"dailyTokens\":\"abc\"}", "dailyTokens", "a number")]
    [InlineData("{\"dailyCost\":\"5\"}", "dailyCost", "a number")]
    [InlineData("{\"pauseUntilResumed\":\"yes\"}", "pauseUntilResumed", "true or false")]
    public async Task AValueOfTheWrongType_SaysWhatTheFieldTakes(string body, string field, string takes)
    {
        using var client = App.CreateClient();
        var bot = Unique("types");
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot, input: 10));

        var response = await client.PutAsync($"/api/v1/bots/{bot}/budget", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonOf()).GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.Contains(takes, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownBot_Is404_AndAnUnknownField_Is400()
    {
        using var client = App.CreateClient();
        var bot = Unique("known");
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot, input: 10));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/bots/no-such-bot/budget")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync("/api/v1/bots/no-such-bot/budget", new { dailyTokens = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync($"/api/v1/bots/{bot}/budget", new { dailyToken = 1 })).StatusCode);
    }

    [Fact]
    public async Task ABotWithASlashInItsId_IsReachedAtItsEscapedAddress()
    {
        using var client = App.CreateClient();
        var bot = Unique("team") + "/a";
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot, input: 10));

        var set = await client.PutAsJsonAsync($"/api/v1/bots/{Uri.EscapeDataString(bot)}/budget", new { monthlyCost = 12 });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(12m, (await BudgetAsync(client, Uri.EscapeDataString(bot))).GetProperty("monthlyCost").GetDecimal());
    }
}
