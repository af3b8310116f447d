using System.Net;

namespace BudgetHub.IntegrationTests.Bots;

/// <summary>A bot id is any text an event names: one with a slash is reached at its escaped address.</summary>
public sealed class BotAddressTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task ABotIdWithASlash_HasItsUsage_AndIsPausedAndResumed_AtItsEscapedAddress()
    {
        using var client = App.CreateClient();
        var bot = $"team/{Guid.NewGuid():N}";
        (await client.PostJsonAsync("/api/v1/usage/events", Api.Event($"e-{Guid.NewGuid():N}", bot: bot, input: 42))).EnsureSuccessStatusCode();
        var address = $"/api/v1/bots/{Uri.EscapeDataString(bot)}";

        var usage = await client.GetAsync($"{address}/usage");
        var paused = await client.PostAsync($"{address}/pause", null);
        var resumed = await client.PostAsync($"{address}/resume", null);

        Assert.Equal(HttpStatusCode.OK, usage.StatusCode);
        Assert.Equal((bot, 42), ((await usage.JsonOf()).GetProperty("botId").GetString(), (await usage.JsonOf()).GetProperty("tokensToday").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal("paused", (await paused.JsonOf()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal("active", (await resumed.JsonOf()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ABotIdWithASlash_OpensItsPage()
    {
        using var client = App.CreateClient();
        var bot = $"team/{Guid.NewGuid():N}";
        (await client.PostJsonAsync("/api/v1/usage/events", Api.Event($"e-{Guid.NewGuid():N}", bot: bot))).EnsureSuccessStatusCode();
        using var session = new BrowserlessSession(App.BaseAddress);
        await session.SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);

        var page = await session.Client.GetStringAsync("/bots/" + Uri.EscapeDataString(bot));

        Assert.Contains($"<title>{bot} · BudgetHub</title>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("No such bot", page, StringComparison.Ordinal);
    }
}
