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
            name = "Monthly tokens", scope = new { type = "account" }, metric = "tokens", limit = 1000,
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

    private static DateTimeOffset NextMonthIn(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var next = new DateTime(local.Year, local.Month, 1).AddMonths(1);
        return new DateTimeOffset(next, zone.GetUtcOffset(next));
    }
}
