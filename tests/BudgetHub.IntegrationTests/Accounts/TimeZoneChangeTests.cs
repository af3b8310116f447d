using System.Net;
using System.Net.Http.Json;

namespace BudgetHub.IntegrationTests.Accounts;

/// <summary>Changing the account's time zone moves every calendar window at once, and keeps what the windows already counted.</summary>
public sealed class TimeZoneChangeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Tokyo = "Asia/Tokyo";

    private AppProcess App => fixture.App;

    [Fact]
    public async Task ANewTimeZone_MovesTheWindows_KeepsTodayAndTheMonthsUsage_AndAlertsNoThresholdTwice()
    {
        using var client = App.CreateClient();
        var policyId = await client.CreatePolicyAsync(new
        {
            name = "Monthly tokens", scope = new { type = "bot", id = "tz-bot" }, metric = "tokens", limit = 1000,
            window = new { type = "fixed", unit = "month" }, thresholds = new[] { 50 }, action = "warn",
        });
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("tz-1", bot: "tz-bot", input: 600));

        var changed = await client.PutAsJsonAsync("/api/v1/account", new { timeZone = Tokyo }, Api.Json);
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("tz-2", bot: "tz-bot", input: 100));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(Tokyo, (await changed.JsonOf()).GetProperty("timeZone").GetString());
        var usage = await (await client.GetAsync("/api/v1/bots/tz-bot/usage")).JsonOf();
        Assert.Equal(700, usage.GetProperty("tokensToday").GetInt64());
        Assert.Equal(700, usage.GetProperty("tokensThisMonth").GetInt64());
        var check = await (await client.GetAsync("/api/v1/enforcement/check?botId=tz-bot")).JsonOf();
        var reason = check.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("policyId").GetString() == policyId);
        Assert.Equal(700, reason.GetProperty("value").GetInt64());
        Assert.Equal(NextMonthIn(Tokyo), reason.GetProperty("resetsAt").GetDateTimeOffset());
        Assert.Equal(1, await Api.ScalarAsync(App.DatabasePath, "SELECT count(*) FROM Alerts WHERE Threshold = 50"));
    }

    [Fact]
    public async Task ANewTimeZone_KeepsABlockThatStillHolds_AndMovesItsEndToTheNewDaysEnd()
    {
        using var client = App.CreateClient();
        await SetZoneAsync(client, "UTC");
        await client.CreatePolicyAsync(new
        {
            name = "Daily token cap", scope = new { type = "bot", id = "tz-capped" }, metric = "tokens", limit = 100,
            window = new { type = "fixed", unit = "day" }, action = "block",
        });
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("tz-capped-1", bot: "tz-capped", input: 150));

        await SetZoneAsync(client, Tokyo);

        var check = await (await client.GetAsync("/api/v1/enforcement/check?botId=tz-capped")).JsonOf();
        Assert.False(check.GetProperty("allowed").GetBoolean(), check.ToString());
        Assert.Equal(NextDayIn(Tokyo), check.GetProperty("blocks")[0].GetProperty("until").GetDateTimeOffset());
        Assert.Equal(0, await Api.ScalarAsync(App.DatabasePath, "SELECT count(*) FROM Blocks WHERE TargetKey = 'tz-capped' AND LiftedAt IS NOT NULL"));
    }

    [Fact]
    public async Task DailyUsage_CountedBeforeAndAfterANewTimeZone_FallsOnTheNewZonesDays()
    {
        using var client = App.CreateClient();
        await SetZoneAsync(client, "UTC");
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("tz-days-1", bot: "tz-days", input: 100));
        await SetZoneAsync(client, Tokyo);
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("tz-days-2", bot: "tz-days", input: 50));
        var to = NextDayIn(Tokyo);
        var from = to.AddDays(-3);

        var summary = await (await client.GetAsync(
            $"/api/v1/usage/summary?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}&groupBy=bot&interval=day")).JsonOf();

        var starts = summary.GetProperty("series").EnumerateArray().Select(p => p.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.All(starts, start => Assert.Equal(15, start.UtcDateTime.Hour)); // Tokyo's midnight
        Assert.Equal(starts.Count, starts.Distinct().Count());
        var bot = summary.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == "tz-days");
        Assert.Equal(150, bot.GetProperty("totals").GetProperty("tokens").GetInt64());
    }

    private static async Task SetZoneAsync(HttpClient client, string zone) =>
        (await client.PutAsJsonAsync("/api/v1/account", new { timeZone = zone }, Api.Json)).EnsureSuccessStatusCode();

    [Theory]
    [InlineData("""{"timeZone":"Mars/Olympus_Mons"}""", "timeZone")]
    [InlineData("""{"timeZone":"EST"}""", "timeZone")]
    [InlineData("""{"name":"   "}""", "name")]
    public async Task ABadAccountChange_IsAFieldError_AndChangesNothing(string body, string field)
    {
        using var client = App.CreateClient();
        var before = await (await client.GetAsync("/api/v1/account")).JsonOf();

        var response = await client.PutAsync("/api/v1/account", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonOf()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before.ToString(), (await (await client.GetAsync("/api/v1/account")).JsonOf()).ToString());
    }

    private static DateTimeOffset NextDayIn(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var next = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date.AddDays(1);
        return new DateTimeOffset(next, zone.GetUtcOffset(next));
    }

    private static DateTimeOffset NextMonthIn(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var next = new DateTime(local.Year, local.Month, 1).AddMonths(1);
        return new DateTimeOffset(next, zone.GetUtcOffset(next));
    }
}
