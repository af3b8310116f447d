using System.Net;
using BudgetHub.IntegrationTests.Persistence;

namespace BudgetHub.IntegrationTests.Postgres;

/// <summary>The real app with <c>Storage:Provider=Postgres</c>, each test on a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageTests(PostgresCluster cluster)
{
    /// <summary>The PostgreSQL migrations the app ships: every one is applied at its first start.</summary>
    private static readonly int PostgresMigrationCount = typeof(BudgetHub.Infrastructure.Persistence.PostgresBudgetHubDbContext).Assembly.GetTypes()
        .Count(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration))
            && t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute), false)
                .Cast<Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute>().Any(a => a.ContextType == typeof(BudgetHub.Infrastructure.Persistence.PostgresBudgetHubDbContext)));

    private static string Since => Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-7).ToString("O"));

    private async Task<(AppProcess App, string Database)> StartAppAsync()
    {
        var database = await cluster.NewDatabaseAsync();
        var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:BudgetHub"] = database,
        });
        return (app, database);
    }

    private static Task CountersStoredAsync(string database) => Poll.UntilAsync(
        async () => await PostgresCluster.ScalarAsync(database, "SELECT countedthrougheventid FROM metercheckpoints")
            == await PostgresCluster.ScalarAsync(database, "SELECT max(id) FROM usageevents"),
        "the counters to be stored");

    [Fact]
    public async Task ItMigratesAndBootstraps_TheSignInPageAnswers_AndHangfireKeepsItsJobsInTheDatabase()
    {
        var (app, database) = await StartAppAsync();
        await using var _ = app;
        using var browser = app.CreateClient(apiKey: null);

        var signIn = await browser.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Sign in", await signIn.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await PostgresCluster.ScalarAsync(database, "SELECT count(*) FROM accounts"));
        Assert.Equal(1, await PostgresCluster.ScalarAsync(database, "SELECT count(*) FROM aspnetusers WHERE email = 'owner@example.com'"));
        Assert.Equal(PostgresMigrationCount, await PostgresCluster.ScalarAsync(database, "SELECT count(*) FROM \"__EFMigrationsHistory\""));
        Assert.True(await PostgresCluster.ScalarAsync(database, "SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs'") >= 9);
    }

    [Fact]
    public async Task ASecondAppOnTheSameDatabase_StopsAtStartUpAndSaysWhy()
    {
        var (app, database) = await StartAppAsync();
        await using var _ = app;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:BudgetHub"] = database,
        }));

        Assert.Contains("Another BudgetHub instance is using PostgreSQL database", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SingleAndBatchEvents_AreStoredOnce_AndTheSummaryEqualsWhatWasSent()
    {
        var (app, database) = await StartAppAsync();
        await using var _ = app;
        using var client = app.CreateClient();

        var single = await (await client.PostJsonAsync("/api/v1/usage/events", Api.Event("e-1", bot: "pg-bot", input: 100, output: 20, conversation: "c-1"))).JsonOf();
        var batch = await (await client.PostJsonAsync("/api/v1/usage/events", new[]
        {
            Api.Event("e-1", bot: "pg-bot", input: 100, output: 20),
            Api.Event("e-2", bot: "pg-bot", input: 30, output: 5, conversation: "c-1"),
            Api.Event("e-3", bot: "other-bot", input: 7, output: 1, user: "u-1", cost: 0.25m),
        })).JsonOf();
        var again = await (await client.PostJsonAsync("/api/v1/usage/events", Api.Event("e-2", bot: "pg-bot", input: 30, output: 5))).JsonOf();
        // PostgreSQL refuses \u0000 in text: it is refused before it gets there, not a 500.
        var nul = await client.PostJsonAsync("/api/v1/usage/events", Api.Event("e-nul", bot: "a\u0000b"));

        Assert.Equal(1, single.GetProperty("accepted").GetInt32());
        Assert.Equal(2, batch.GetProperty("accepted").GetInt32());
        Assert.Equal(1, batch.GetProperty("duplicates").GetInt32());
        Assert.Equal("duplicate", again.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Equal(3, await PostgresCluster.ScalarAsync(database, "SELECT count(*) FROM usageevents"));
        var summary = await (await client.GetAsync($"/api/v1/usage/summary?groupBy=bot&from={Since}")).JsonOf();
        var totals = summary.GetProperty("totals");
        Assert.Equal(163, totals.GetProperty("tokens").GetInt64());
        Assert.Equal(3, totals.GetProperty("calls").GetInt64());
        Assert.Equal(0.25m, totals.GetProperty("cost").GetDecimal());
        var bot = await (await client.GetAsync("/api/v1/bots/pg-bot/usage")).JsonOf();
        Assert.Equal(155, bot.GetProperty("tokensToday").GetInt64());
        Assert.Equal(1, bot.GetProperty("conversationsToday").GetInt64());
    }

    [Fact]
    public async Task AHardLimitBlocks_WritesItsAlerts_AndTheCheckAnswersFromMemoryWhileTheDatabaseIsDown_ThenIngestionGoesOn()
    {
        var (app, database) = await StartAppAsync();
        await using var _ = app;
        using var client = app.CreateClient();
        await client.CreatePolicyAsync(new
        {
            name = "PG cap", kind = "usage", scope = new { type = "bot", id = "capped" }, metric = "tokens", limit = 100,
            window = new { type = "fixed", unit = "day" }, thresholds = new[] { 50 }, action = "block",
            notify = new { email = true, recipients = Array.Empty<string>(), inApp = true, webhookUrl = (string?)null },
        });

        var warned = await (await client.PostJsonAsync("/api/v1/usage/events", Api.Event("cap-1", bot: "capped", input: 60))).JsonOf();
        var blocked = await (await client.PostJsonAsync("/api/v1/usage/events", Api.Event("cap-2", bot: "capped", input: 60))).JsonOf();

        Assert.Equal("warn", warned.GetProperty("results")[0].GetProperty("action").GetString());
        Assert.Equal("block", blocked.GetProperty("results")[0].GetProperty("action").GetString());
        Assert.Equal(2, await PostgresCluster.ScalarAsync(database, "SELECT count(*) FROM alerts WHERE botkey = 'capped'"));
        Assert.Equal(1, await PostgresCluster.ScalarAsync(database, "SELECT count(*) FROM blocks WHERE targetkey = 'capped' AND liftedat IS NULL"));
        Assert.True(await PostgresCluster.ScalarAsync(database, "SELECT count(*) FROM outbox WHERE channel = 'Email'") >= 1);
        var alerts = await (await client.GetAsync("/api/v1/alerts?botId=capped")).JsonOf();
        var exceeded = Assert.Single(alerts.GetProperty("items").EnumerateArray(), a => a.GetProperty("severity").GetString() == "exceeded");
        var acknowledge = await client.PostAsync($"/api/v1/alerts/{exceeded.GetProperty("id").GetString()}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, acknowledge.StatusCode); // the alert and its in-app notifications, in one transaction
        Assert.Equal(1, await PostgresCluster.ScalarAsync(database, "SELECT count(*) FROM alerts WHERE botkey = 'capped' AND acknowledgedat IS NOT NULL"));

        // Every counter stored, then no database at all: the check still answers.
        await CountersStoredAsync(database);
        await cluster.StopAsync();
        try
        {
            var check = await (await client.GetAsync("/api/v1/enforcement/check?botId=capped")).JsonOf();
            Assert.False(check.GetProperty("allowed").GetBoolean());
            Assert.Equal(120, check.GetProperty("reasons")[0].GetProperty("value").GetInt64());
        }
        finally
        {
            await cluster.StartAsync();
        }

        // With the database back, ingestion goes on: the writer opens its connection again.
        await Poll.UntilAsync(async () => (await client.PostJsonAsync("/api/v1/usage/events", Api.Event("cap-3", bot: "capped", input: 1))).IsSuccessStatusCode,
            "ingestion to work again after the database restarted");
        Assert.Equal(121, await PostgresCluster.ScalarAsync(database, "SELECT sum(inputtokens) FROM usageevents WHERE botkey = 'capped'"));
    }

    [Fact]
    public async Task CountersNotStoredWhenTheAppWasKilled_AreCountedAgainAtStart_AndEqualTheStoredSums()
    {
        var (app, database) = await StartAppAsync();
        await using var _ = app;
        using var client = app.CreateClient();
        await client.PostJsonAsync("/api/v1/usage/events", Enumerable.Range(0, 4).Select(i => Api.Event($"k-{i}", bot: "kill-bot", input: 10, conversation: "conv-1")).ToArray());
        await client.PostJsonAsync("/api/v1/usage/events", Enumerable.Range(0, 3).Select(i => Api.Event($"l-{i}", bot: "kill-bot", input: 10, output: 2, conversation: "conv-2")).ToArray());
        app.KillHard();

        // What a kill leaves when the writer stored the events but not yet their counters.
        await PostgresCluster.ExecuteAsync(database, "DELETE FROM usagecounters; UPDATE metercheckpoints SET countedthrougheventid = 0");
        await app.RestartAsync();
        await app.RestartAsync();

        const string AccountDays = "FROM usagecounters WHERE dimension = 'account' AND granularity = 'day'";
        var tokens = await PostgresCluster.ScalarAsync(database, "SELECT sum(inputtokens + outputtokens) FROM usageevents");
        Assert.Equal(76, tokens);
        Assert.Equal(tokens, await PostgresCluster.ScalarAsync(database, $"SELECT sum(tokens) {AccountDays}"));
        Assert.Equal(7, await PostgresCluster.ScalarAsync(database, $"SELECT sum(calls) {AccountDays}"));
        Assert.Equal(2, await PostgresCluster.ScalarAsync(database, $"SELECT sum(conversations) {AccountDays}"));
        Assert.Equal(await PostgresCluster.ScalarAsync(database, "SELECT max(id) FROM usageevents"),
            await PostgresCluster.ScalarAsync(database, "SELECT countedthrougheventid FROM metercheckpoints"));
        using var restarted = app.CreateClient();
        var usage = await (await restarted.GetAsync("/api/v1/bots/kill-bot/usage")).JsonOf();
        Assert.Equal(76, usage.GetProperty("tokensThisMonth").GetInt64());
    }

    [Fact]
    public async Task ANewRollingWindow_CountsTheUsageReceivedSinceItBegan_SteppingOverOlderEventsOfAnotherAccount()
    {
        var (app, database) = await StartAppAsync();
        await using var _ = app;
        using var client = app.CreateClient();
        await PostgresCluster.ExecuteAsync(database, """
            INSERT INTO usageevents (accountid, eventid, timestamp, receivedat, botkey, inputtokens, cachedinputtokens, outputtokens, messages, costmicros, priced, iserror)
            SELECT 999, 'old-' || i, now() - interval '1 day', now() - interval '1 day', 'roller', 100, 0, 0, 1, 0, true, false FROM generate_series(1, 1000) AS i
            """);
        var twoHoursAgo = DateTimeOffset.UtcNow.AddHours(-2).ToString("O");
        await client.PostJsonAsync("/api/v1/usage/events", new object[]
        {
            Api.Event("r-1", bot: "roller", input: 100), Api.Event("r-2", bot: "roller", input: 50),
            new { id = "r-late", botId = "roller", inputTokens = 1000, timestamp = twoHoursAgo },
        });

        await client.CreatePolicyAsync(new
        {
            name = "rolling hour", scope = new { type = "bot", id = "roller" }, metric = "tokens", limit = 100,
            window = new { type = "rolling", duration = "PT1H" }, thresholds = new[] { 80 }, action = "warn", notify = new { inApp = true },
        });

        var check = await (await client.GetAsync("/api/v1/enforcement/check?botId=roller")).JsonOf();
        Assert.Equal(150, check.GetProperty("reasons")[0].GetProperty("value").GetInt64());
    }

    [Fact]
    public async Task Retention_PrunesTheOldRows_AndKeepsTheTotals()
    {
        var (app, database) = await StartAppAsync();
        await using var _ = app;
        using var client = app.CreateClient();
        var old = DateTimeOffset.UtcNow.AddDays(-3).ToString("yyyy-MM-ddTHH:mm:ssZ");
        await client.PostJsonAsync("/api/v1/usage/events", Enumerable.Range(0, 40).Select(i => new { id = $"old-{i}", botId = "keeper", inputTokens = 1, timestamp = old, conversationId = $"oc-{i}" }).ToArray());
        await client.PostJsonAsync("/api/v1/usage/events", Enumerable.Range(0, 10).Select(i => new { id = $"new-{i}", botId = "keeper", inputTokens = 1, conversationId = $"nc-{i}" }).ToArray());
        await CountersStoredAsync(database);
        await client.CreatePolicyAsync(new { name = "Keep two days", kind = "retention", scope = new { type = "account" }, maxAge = "P2D" });

        var first = await (await client.PostAsync("/api/v1/retention/run", null)).JsonOf();
        var second = await (await client.PostAsync("/api/v1/retention/run", null)).JsonOf();

        Assert.Equal(40, first.GetProperty("items")[0].GetProperty("eventsDeleted").GetInt64());
        Assert.Equal(40, first.GetProperty("items")[0].GetProperty("conversationsDeleted").GetInt64());
        Assert.Equal(0, second.GetProperty("items")[0].GetProperty("eventsDeleted").GetInt64());
        Assert.Equal(0, await PostgresCluster.ScalarAsync(database, "SELECT count(*) FROM usageevents WHERE eventid LIKE 'old-%'"));
        Assert.Equal(10, await PostgresCluster.ScalarAsync(database, "SELECT count(*) FROM usageevents"));
        Assert.Equal(50, await PostgresCluster.ScalarAsync(database, "SELECT sum(calls) FROM usagecounters WHERE dimension = 'account' AND granularity = 'day'"));
    }

    [Fact]
    public async Task AManualPause_IsLoggedWithWhoAndUntilWhen_AndTierLabelsCountAsOneInAnyCase()
    {
        var (app, database) = await StartAppAsync();
        await using var _ = app;
        using var client = app.CreateClient();
        await client.PostJsonAsync("/api/v1/usage/events", new[]
        {
            Api.Event("t-1", bot: "held", input: 10, user: "u-1", tier: "Pro"),
            Api.Event("t-2", bot: "held", input: 5, user: "u-2", tier: "pro"),
        });
        (await client.PostJsonAsync("/api/v1/bots/held/pause", new { reason = "Runaway loop", until = "2030-01-01T00:00:00Z" })).EnsureSuccessStatusCode();

        var check = await (await client.GetAsync("/api/v1/enforcement/check?botId=held")).JsonOf();

        Assert.False(check.GetProperty("allowed").GetBoolean());
        var row = await Poll.UntilAsync(
            async () => (await (await client.GetAsync("/api/v1/enforcement/log?botId=held")).JsonOf()).GetProperty("items"),
            items => items.GetArrayLength() == 1, "the blocked check's row");
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), row[0].GetProperty("pause").GetProperty("until").GetDateTimeOffset());
        Assert.False(string.IsNullOrEmpty(row[0].GetProperty("pause").GetProperty("by").GetString()));
        await CountersStoredAsync(database);
        Assert.Equal(15, await PostgresCluster.ScalarAsync(database, "SELECT sum(tokens) FROM usagecounters WHERE dimension = 'tier' AND dimensionkey = 'pro' AND granularity = 'day'"));
        Assert.Equal(0, await PostgresCluster.ScalarAsync(database, "SELECT count(*) FROM usagecounters WHERE dimension = 'tier' AND dimensionkey = 'Pro'"));
    }

    [Fact]
    public async Task SearchBoxes_MatchAPrefixInAnyCase_AndTakeWildcardsLiterally() =>
        await SearchBoxes.MatchInAnyCase_AndTakeWildcardsLiterallyAsync("Postgres", await cluster.NewDatabaseAsync());
}
