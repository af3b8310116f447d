using System.Collections.Concurrent;

namespace BudgetHub.IntegrationTests.Usage;

/// <summary>An acknowledged event is never lost: kill -9 under load, restart, and every acknowledged event is there once.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task KilledUnderLoad_TenRoundsInARow_KeepsEveryAcknowledgedEventOnce_AndCountersEqualTheStoredSums()
    {
        await using var app = await AppProcess.StartAsync();
        var acknowledged = new ConcurrentBag<string>();
        for (var round = 0; round < 10; round++)
        {
            using var client = app.CreateClient();
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 8).Select(sender => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var ids = Enumerable.Range(0, 5).Select(k => $"r{round}-s{sender}-{i}-{k}").ToArray();
                    try
                    {
                        var response = await client.PostJsonAsync("/api/v1/usage/events", ids.Select(id => Api.Event(id, bot: $"bot-{sender % 3}", input: 7, output: 3)).ToArray());
                        if (response.IsSuccessStatusCode)
                        {
                            foreach (var id in ids)
                            {
                                acknowledged.Add(id);
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // The app died under us: this request was never acknowledged.
                    }
                }
            })).ToList();

            var before = acknowledged.Count;
            await Poll.UntilAsync(() => Task.FromResult(acknowledged.Count >= before + 200), "some acknowledged events");
            await app.RestartAsync();
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }

        var stored = await Api.ScalarAsync(app.DatabasePath, "SELECT count(*) FROM UsageEvents");
        var distinct = await Api.ScalarAsync(app.DatabasePath, "SELECT count(DISTINCT EventId) FROM UsageEvents");
        Assert.Equal(stored, distinct);
        Assert.True(stored >= acknowledged.Count, $"{acknowledged.Count} acknowledged, {stored} stored");
        foreach (var id in acknowledged.Take(2000))
        {
            Assert.Equal(1, await Api.ScalarAsync(app.DatabasePath, $"SELECT count(*) FROM UsageEvents WHERE EventId = '{id}'"));
        }

        var tokens = await Api.ScalarAsync(app.DatabasePath, "SELECT sum(InputTokens + OutputTokens) FROM UsageEvents");
        // Counters are stored a few times a second: once traffic stops, the stored ones catch up.
        var countedDays = await Poll.UntilAsync(
            () => Api.ScalarAsync(app.DatabasePath, "SELECT sum(Tokens) FROM UsageCounters WHERE Dimension = 'account' AND Granularity = 'day'"),
            counted => counted == tokens, "the stored day counters to catch up");
        var countedHours = await Api.ScalarAsync(app.DatabasePath, "SELECT sum(Tokens) FROM UsageCounters WHERE Dimension = 'account' AND Granularity = 'hour'");
        var calls = await Api.ScalarAsync(app.DatabasePath, "SELECT sum(Calls) FROM UsageCounters WHERE Dimension = 'bot' AND Granularity = 'day'");
        Assert.Equal(tokens, countedDays);
        Assert.Equal(tokens, countedHours);
        Assert.Equal(stored, calls);

        using var check = app.CreateClient();
        var summary = await (await check.GetAsync($"/api/v1/usage/summary?groupBy=bot&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-2).ToString("O"))}")).JsonOf();
        Assert.Equal(tokens, summary.GetProperty("totals").GetProperty("tokens").GetInt64());
    }

    [Fact]
    public async Task WhenTrafficStops_TheStoredCountersCatchUp_WithoutAnyReport()
    {
        await using var app = await AppProcess.StartAsync();
        using var client = app.CreateClient();
        // The first commit after a quiet spell stores its counters at once; the next ones, a moment later.
        foreach (var i in Enumerable.Range(0, 3))
        {
            await client.PostJsonAsync("/api/v1/usage/events", Api.Event($"quiet-{i}", bot: "quiet-bot", input: 20, output: 5));
        }

        const string Sql = "SELECT coalesce(sum(Tokens), 0) FROM UsageCounters WHERE Dimension = 'bot' AND DimensionKey = 'quiet-bot' AND Granularity = 'hour'";
        await Poll.UntilAsync(() => Api.ScalarAsync(app.DatabasePath, Sql), tokens => tokens == 75, "the quiet bot's stored hour counter");
        await Poll.UntilAsync(
            async () => await Api.ScalarAsync(app.DatabasePath, "SELECT CountedThroughEventId FROM MeterCheckpoints") == await Api.ScalarAsync(app.DatabasePath, "SELECT max(Id) FROM UsageEvents"),
            "the checkpoint to pass the last event");
    }

    [Fact]
    public async Task CountersNotStoredWhenTheProcessDied_AreCountedAgainAtStartUp_Once()
    {
        await using var app = await AppProcess.StartAsync();
        using var client = app.CreateClient();
        // Another bot first, so that the recounted bot's row id and its first event's row id differ.
        await client.PostJsonAsync("/api/v1/usage/events", Enumerable.Range(0, 2).Select(i => Api.Event($"other-{i}", bot: "other-bot", input: 0)).ToArray());
        await client.PostJsonAsync("/api/v1/usage/events", Enumerable.Range(0, 4).Select(i => Api.Event($"first-{i}", bot: "recount-bot", input: 10, conversation: "conv-1")).ToArray());
        await client.PostJsonAsync("/api/v1/usage/events", Enumerable.Range(0, 3).Select(i => Api.Event($"late-{i}", bot: "recount-bot", input: 10, conversation: "conv-2")).ToArray());
        app.KillHard();

        // What a crash leaves when the writer stored the events but not yet their counters.
        await Api.ExecuteAsync(app.DatabasePath, "DELETE FROM UsageCounters; UPDATE MeterCheckpoints SET CountedThroughEventId = 0");
        await app.RestartAsync();
        await app.RestartAsync();

        const string Account = "FROM UsageCounters WHERE Dimension = 'account' AND Granularity = 'day'";
        Assert.Equal(70, await Api.ScalarAsync(app.DatabasePath, $"SELECT sum(Tokens) {Account}"));
        Assert.Equal(9, await Api.ScalarAsync(app.DatabasePath, $"SELECT sum(Calls) {Account}"));
        Assert.Equal(2, await Api.ScalarAsync(app.DatabasePath, $"SELECT sum(Conversations) {Account}"));
        Assert.Equal(await Api.ScalarAsync(app.DatabasePath, "SELECT max(Id) FROM UsageEvents"),
            await Api.ScalarAsync(app.DatabasePath, "SELECT CountedThroughEventId FROM MeterCheckpoints"));
        using var restarted = app.CreateClient();
        var summary = await (await restarted.GetAsync($"/api/v1/usage/summary?groupBy=bot&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-2).ToString("O"))}")).JsonOf();
        Assert.Equal(70, summary.GetProperty("totals").GetProperty("tokens").GetInt64());
        var usage = await (await restarted.GetAsync("/api/v1/bots/recount-bot/usage")).JsonOf();
        Assert.Equal(70, usage.GetProperty("tokensThisMonth").GetInt64());
    }
}
