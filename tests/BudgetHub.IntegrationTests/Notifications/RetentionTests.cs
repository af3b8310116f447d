namespace BudgetHub.IntegrationTests.Notifications;

public sealed class RetentionTests
{
    [Fact]
    public async Task Retention_PrunesExactlyTheOldRows_KeepsTotals_AndIsSafeToRunTwice()
    {
        await using var app = await AppProcess.StartAsync();
        using var client = app.CreateClient();
        var old = DateTimeOffset.UtcNow.AddDays(-3).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var oldEvents = Enumerable.Range(0, 1200).Select(i => new { id = $"old-{i}", botId = "keeper", inputTokens = 1, timestamp = old, conversationId = $"oc-{i}" });
        var newEvents = Enumerable.Range(0, 300).Select(i => new { id = $"new-{i}", botId = "keeper", inputTokens = 1, timestamp = (string?)null, conversationId = $"nc-{i}" });
        foreach (var chunk in oldEvents.Chunk(500))
        {
            await client.PostJsonAsync("/api/v1/usage/events", chunk);
        }

        await client.PostJsonAsync("/api/v1/usage/events", newEvents.ToArray());
        await client.CreatePolicyAsync(new { name = "Keep two days", kind = "retention", scope = new { type = "account" }, maxAge = "P2D" });

        var first = await (await client.PostAsync("/api/v1/retention/run", null)).JsonOf();
        var second = await (await client.PostAsync("/api/v1/retention/run", null)).JsonOf();

        Assert.Equal(1200, first.GetProperty("items")[0].GetProperty("eventsDeleted").GetInt64());
        Assert.Equal(1200, first.GetProperty("items")[0].GetProperty("conversationsDeleted").GetInt64());
        Assert.Equal(0, second.GetProperty("items")[0].GetProperty("eventsDeleted").GetInt64());
        Assert.Equal(300, await Api.ScalarAsync(app.DatabasePath, "SELECT count(*) FROM UsageEvents"));
        Assert.Equal(0, await Api.ScalarAsync(app.DatabasePath, "SELECT count(*) FROM UsageEvents WHERE EventId LIKE 'old-%'"));
        await Poll.UntilAsync(() => Api.ScalarAsync(app.DatabasePath, "SELECT sum(Calls) FROM UsageCounters WHERE Dimension = 'account' AND Granularity = 'day'"),
            calls => calls == 1500, "the stored counters to keep every pruned event");
    }

    [Fact]
    public async Task Retention_KeepsTheLastCountedEvent_SoANewEventNeverReusesARowId()
    {
        await using var app = await AppProcess.StartAsync();
        using var client = app.CreateClient();
        // Plain row ids (max + 1), not AUTOINCREMENT: this test is about what keeps them from being reused.
        Assert.Equal(0, await Api.ScalarAsync(app.DatabasePath, "SELECT count(*) FROM sqlite_master WHERE name = 'UsageEvents' AND sql LIKE '%AUTOINCREMENT%'"));
        var old = DateTimeOffset.UtcNow.AddDays(-3).ToString("yyyy-MM-ddTHH:mm:ssZ");
        await client.PostJsonAsync("/api/v1/usage/events", Enumerable.Range(0, 3).Select(i => new { id = $"old-{i}", botId = "keeper", inputTokens = 1, timestamp = old }).ToArray());
        const string Checkpoint = "SELECT CountedThroughEventId FROM MeterCheckpoints";
        var highest = await Api.ScalarAsync(app.DatabasePath, "SELECT max(Id) FROM UsageEvents");
        await Poll.UntilAsync(() => Api.ScalarAsync(app.DatabasePath, Checkpoint), id => id == highest, "the counters of the old events to be stored");
        await client.CreatePolicyAsync(new { name = "Keep two days", kind = "retention", scope = new { type = "account" }, maxAge = "P2D" });

        var first = await (await client.PostAsync("/api/v1/retention/run", null)).JsonOf();
        await client.PostJsonAsync("/api/v1/usage/events", new { id = "after", botId = "keeper", inputTokens = 1 });

        Assert.Equal(2, first.GetProperty("items")[0].GetProperty("eventsDeleted").GetInt64());
        Assert.True(await Api.ScalarAsync(app.DatabasePath, "SELECT Id FROM UsageEvents WHERE EventId = 'after'") > highest);
        await Poll.UntilAsync(() => Api.ScalarAsync(app.DatabasePath, Checkpoint), id => id > highest, "the checkpoint to pass the new event");
        var second = await (await client.PostAsync("/api/v1/retention/run", null)).JsonOf();
        Assert.Equal(1, second.GetProperty("items")[0].GetProperty("eventsDeleted").GetInt64());
    }
}
