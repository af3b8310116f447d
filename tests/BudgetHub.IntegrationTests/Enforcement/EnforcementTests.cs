using System.Net;
using System.Text.Json;

namespace BudgetHub.IntegrationTests.Enforcement;

public sealed class EnforcementTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    private static object BlockPolicy(string scope, string? id, long limit, string? blockFor = null, string unit = "day", int[]? thresholds = null) => new
    {
        name = $"{scope} cap {Guid.NewGuid():N}"[..20], scope = new { type = scope, id }, metric = "tokens", limit,
        window = new { type = "fixed", unit }, thresholds = thresholds ?? [80], action = "block", blockFor,
    };

    private static async Task<JsonElement> CheckAsync(HttpClient client, string bot, string? user = null, string? tier = null) =>
        await (await client.GetAsync($"/api/v1/enforcement/check?botId={bot}" + (user is null ? "" : $"&userId={user}") + (tier is null ? "" : $"&tier={tier}"))).JsonOf();

    private static async Task<string> ActionOfAsync(HttpClient client, object e) =>
        (await (await client.PostJsonAsync("/api/v1/usage/events", e)).JsonOf()).GetProperty("results")[0].GetProperty("action").GetString()!;

    [Fact]
    public async Task ABotOverItsBlockLimit_IsBlockedAndExplained_UntilResumed()
    {
        using var client = App.CreateClient();
        var bot = Unique("cap");
        var policyId = await client.CreatePolicyAsync(BlockPolicy("bot", bot, 1000));

        Assert.Equal("allow", await ActionOfAsync(client, Api.Event(Unique("e"), bot: bot, input: 500)));
        Assert.Equal("warn", await ActionOfAsync(client, Api.Event(Unique("e"), bot: bot, input: 400)));
        Assert.Equal("block", await ActionOfAsync(client, Api.Event(Unique("e"), bot: bot, input: 200)));

        var check = await CheckAsync(client, bot);
        Assert.False(check.GetProperty("allowed").GetBoolean());
        Assert.Equal("block", check.GetProperty("action").GetString());
        var reason = check.GetProperty("reasons")[0];
        Assert.Equal(policyId, reason.GetProperty("policyId").GetString());
        Assert.Equal(1100, reason.GetProperty("value").GetInt64());
        Assert.Equal(110m, reason.GetProperty("percent").GetDecimal());
        Assert.Equal(("block", 100), (reason.GetProperty("action").GetString(), reason.GetProperty("threshold").GetInt32()));
        Assert.True(check.GetProperty("retryAfterSeconds").GetInt32() > 0);

        var log = await (await client.GetAsync($"/api/v1/enforcement/log?botId={bot}")).JsonOf();
        Assert.Equal("blocked", log.GetProperty("items")[0].GetProperty("action").GetString());

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/bots/{bot}/resume", null)).StatusCode);
        var resumed = await CheckAsync(client, bot);
        Assert.True(resumed.GetProperty("allowed").GetBoolean());
        // Still over its limit, but its block was lifted by the resume: the policy alone now warns.
        Assert.Equal(("warn", 100), (resumed.GetProperty("reasons")[0].GetProperty("action").GetString(), resumed.GetProperty("reasons")[0].GetProperty("threshold").GetInt32()));
        Assert.Equal("block", await ActionOfAsync(client, Api.Event(Unique("e"), bot: bot, input: 1)));
    }

    [Fact]
    public async Task EachIngestionResult_SaysWhyWhenItIsNotAllow_AndNamesThePolicy()
    {
        using var client = App.CreateClient();
        var bot = Unique("why");
        var policyId = await client.CreatePolicyAsync(BlockPolicy("bot", bot, 1000));

        async Task<JsonElement> ResultOfAsync(long input) =>
            (await (await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot, input: input))).JsonOf()).GetProperty("results")[0];

        var allowed = await ResultOfAsync(500);
        var warned = await ResultOfAsync(400);
        var blocked = await ResultOfAsync(200);

        Assert.False(allowed.TryGetProperty("reason", out _));
        Assert.False(allowed.TryGetProperty("policyId", out _));
        Assert.Equal("warn", warned.GetProperty("action").GetString());
        Assert.EndsWith(": 900 tokens of 1,000 tokens today (90%)", warned.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(policyId, warned.GetProperty("policyId").GetString());
        Assert.Equal("block", blocked.GetProperty("action").GetString());
        Assert.EndsWith($": 1,100 tokens of 1,000 tokens today — blocks bot {bot}", blocked.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(policyId, blocked.GetProperty("policyId").GetString());

        var other = Unique("hand");
        (await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: other))).EnsureSuccessStatusCode();
        (await client.PostJsonAsync($"/api/v1/bots/{other}/pause", new { reason = "by hand" })).EnsureSuccessStatusCode();
        var paused = (await (await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: other))).JsonOf()).GetProperty("results")[0];
        Assert.Equal("block", paused.GetProperty("action").GetString());
        Assert.EndsWith(": by hand", paused.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(paused.TryGetProperty("policyId", out _));
    }

    [Fact]
    public async Task RepeatedBlockedEvents_FoldIntoOneLogRowThatCountsEachOfThem()
    {
        using var client = App.CreateClient();
        var bot = Unique("fold");
        await client.CreatePolicyAsync(BlockPolicy("bot", bot, 100));
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot, input: 150));

        var batch = Enumerable.Range(0, 5).Select(_ => Api.Event(Unique("e"), bot: bot, input: 10)).ToArray();
        await client.PostJsonAsync("/api/v1/usage/events", batch);
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot, input: 10));

        var items = (await (await client.GetAsync($"/api/v1/enforcement/log?botId={bot}&action=blocked")).JsonOf()).GetProperty("items");
        var row = Assert.Single(items.EnumerateArray());
        Assert.Equal(7, row.GetProperty("count").GetInt32());
        Assert.Equal(210, row.GetProperty("value").GetInt64());
    }

    [Fact]
    public async Task ACallBlockedByAManualPause_IsLoggedAsThePause_ByWhomAndUntilWhen()
    {
        using var client = App.CreateClient();
        var bot = Unique("held");
        var timed = Unique("timed");
        foreach (var id in new[] { bot, timed })
        {
            (await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: id))).EnsureSuccessStatusCode();
        }

        (await client.PostJsonAsync($"/api/v1/bots/{bot}/pause", new { reason = "Runaway loop" })).EnsureSuccessStatusCode();
        (await client.PostJsonAsync($"/api/v1/bots/{timed}/pause", new { until = "2030-01-01T00:00:00Z" })).EnsureSuccessStatusCode();
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot));
        await CheckAsync(client, timed);

        var held = (await (await client.GetAsync($"/api/v1/enforcement/log?botId={bot}")).JsonOf()).GetProperty("items")[0];
        Assert.Equal("blocked", held.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, held.GetProperty("policyId").ValueKind);
        Assert.Equal("Bootstrap key (API key key_1)", held.GetProperty("pause").GetProperty("by").GetString());
        Assert.Equal(JsonValueKind.Null, held.GetProperty("pause").GetProperty("until").ValueKind);
        Assert.EndsWith(": Runaway loop", held.GetProperty("policyName").GetString(), StringComparison.Ordinal);
        var timedRow = await Poll.UntilAsync(
            async () => (await (await client.GetAsync($"/api/v1/enforcement/log?botId={timed}")).JsonOf()).GetProperty("items"),
            items => items.GetArrayLength() == 1, "the blocked check's row");
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), timedRow[0].GetProperty("pause").GetProperty("until").GetDateTimeOffset());

        await client.CreatePolicyAsync(BlockPolicy("bot", bot, 1));
        await client.PostAsync($"/api/v1/bots/{bot}/resume", null);
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot));
        var byPolicy = (await (await client.GetAsync($"/api/v1/enforcement/log?botId={bot}")).JsonOf()).GetProperty("items")[0];
        Assert.Equal(JsonValueKind.Null, byPolicy.GetProperty("pause").ValueKind);
    }

    [Fact]
    public async Task BlockedChecks_AreLogged_FoldedIntoTheBlockedRowWithTheirCount()
    {
        using var client = App.CreateClient();
        var bot = Unique("chk");
        await client.CreatePolicyAsync(BlockPolicy("bot", bot, 100));
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot, input: 150));

        var checks = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => CheckAsync(client, bot)));
        Assert.All(checks, check => Assert.Equal("block", check.GetProperty("action").GetString()));

        // The writer logs checks after they are answered.
        var items = await Poll.UntilAsync(
            async () => (await (await client.GetAsync($"/api/v1/enforcement/log?botId={bot}&action=blocked")).JsonOf()).GetProperty("items"),
            items => items.GetArrayLength() == 1 && items[0].GetProperty("count").GetInt32() == 21,
            "one blocked row counting the blocked event and the 20 blocked checks");
        Assert.Equal(150, items[0].GetProperty("value").GetInt64());
    }

    [Fact]
    public async Task DryRunChecks_AreLoggedAsDryRunHits_FoldedWithTheirCount()
    {
        using var client = App.CreateClient();
        var bot = Unique("dry");
        await client.CreatePolicyAsync(new
        {
            name = Unique("dry run"), scope = new { type = "bot", id = bot }, metric = "tokens", limit = 100,
            window = new { type = "fixed", unit = "day" }, thresholds = Array.Empty<int>(), action = "dry_run", notify = new { email = false, inApp = true },
        });
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot, input: 150));

        var checks = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => CheckAsync(client, bot)));
        Assert.All(checks, check => Assert.Equal("dry_run", check.GetProperty("action").GetString()));

        // The event's own hit and the 5 checks': the call proceeds, and the log shows what would have been blocked.
        var items = await Poll.UntilAsync(
            async () => (await (await client.GetAsync($"/api/v1/enforcement/log?botId={bot}&action=dry_run")).JsonOf()).GetProperty("items"),
            items => items.GetArrayLength() == 1 && items[0].GetProperty("count").GetInt32() == 6,
            "one dry-run row counting the event and the 5 checks");
        Assert.Equal(150, items[0].GetProperty("value").GetInt64());
    }

    [Fact]
    public async Task ABlockLiftsWhenBlockForElapses_WithoutAnyJob()
    {
        using var client = App.CreateClient();
        var bot = Unique("brief");
        await client.CreatePolicyAsync(BlockPolicy("bot", bot, 100, blockFor: "PT2S"));

        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot, input: 150));
        var blocked = await CheckAsync(client, bot);
        var until = blocked.GetProperty("pausedUntil").GetDateTimeOffset();

        Assert.False(blocked.GetProperty("allowed").GetBoolean());
        await Poll.UntilAsync(async () => (await CheckAsync(client, bot)).GetProperty("allowed").GetBoolean(), "the block to lift", TimeSpan.FromSeconds(10));
        Assert.True(DateTimeOffset.UtcNow >= until);
    }

    [Fact]
    public async Task RaisingTheLimit_LiftsABlockThatNoLongerHolds()
    {
        using var client = App.CreateClient();
        var bot = Unique("raise");
        var policyId = await client.CreatePolicyAsync(BlockPolicy("bot", bot, 100));
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event(Unique("e"), bot: bot, input: 150));
        Assert.False((await CheckAsync(client, bot)).GetProperty("allowed").GetBoolean());

        var raised = await client.PutAsync($"/api/v1/policies/{policyId}", JsonContent(BlockPolicy("bot", bot, 1000)));

        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        Assert.True((await CheckAsync(client, bot)).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task ALimitRaisedWhileTheAppWasStopped_LiftsTheBlock_WhenItStartsAgain()
    {
        await using var app = await AppProcess.StartAsync();
        using var client = app.CreateClient();
        await client.CreatePolicyAsync(BlockPolicy("bot", "stopped-bot", 100));
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("s1", bot: "stopped-bot", input: 150));
        Assert.False((await CheckAsync(client, "stopped-bot")).GetProperty("allowed").GetBoolean());

        await app.RestartAsync(() => Api.ExecuteAsync(app.DatabasePath, "UPDATE Policies SET \"Limit\" = 1000 WHERE ScopeKey = 'stopped-bot'"));
        using var restarted = app.CreateClient();

        var check = await CheckAsync(restarted, "stopped-bot");
        Assert.True(check.GetProperty("allowed").GetBoolean());
        Assert.Equal("allow", check.GetProperty("action").GetString());
        Assert.Equal(1, await Api.ScalarAsync(app.DatabasePath, "SELECT count(*) FROM Blocks WHERE TargetKey = 'stopped-bot' AND LiftedBy = 'policy change'"));
    }

    [Fact]
    public async Task ALimitLoweredWhileTheAppWasStopped_BlocksWhenItStartsAgain_BeforeAnyEvent()
    {
        await using var app = await AppProcess.StartAsync();
        using var client = app.CreateClient();
        await client.CreatePolicyAsync(BlockPolicy("bot", "lowered-bot", 1000));
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("l1", bot: "lowered-bot", input: 150));
        Assert.True((await CheckAsync(client, "lowered-bot")).GetProperty("allowed").GetBoolean());

        await app.RestartAsync(() => Api.ExecuteAsync(app.DatabasePath, "UPDATE Policies SET \"Limit\" = 100 WHERE ScopeKey = 'lowered-bot'"));
        using var restarted = app.CreateClient();

        var check = await CheckAsync(restarted, "lowered-bot");
        Assert.False(check.GetProperty("allowed").GetBoolean());
        Assert.Equal("block", check.GetProperty("action").GetString());
        Assert.Equal(1, await Api.ScalarAsync(app.DatabasePath, "SELECT count(*) FROM Blocks WHERE TargetKey = 'lowered-bot' AND LiftedAt IS NULL"));
    }

    [Fact]
    public async Task ANewRollingWindow_CountsTheUsageAlreadyInIt_OnceAcrossARestart()
    {
        await using var app = await AppProcess.StartAsync();
        using var client = app.CreateClient();
        foreach (var i in Enumerable.Range(0, 3))
        {
            await client.PostJsonAsync("/api/v1/usage/events", Api.Event($"before-{i}", bot: "roller", input: 100));
        }

        await client.CreatePolicyAsync(RollingPolicy("PT1H", 250));
        var hour = await CheckAsync(client, "roller");
        await app.RestartAsync();
        using var restarted = app.CreateClient();
        await restarted.CreatePolicyAsync(RollingPolicy("P1D", 250));
        await restarted.PostJsonAsync("/api/v1/usage/events", Api.Event("after", bot: "roller", input: 100));
        var both = await CheckAsync(restarted, "roller");

        Assert.Equal(300, hour.GetProperty("reasons")[0].GetProperty("value").GetDecimal());
        Assert.Equal([400m, 400m], both.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("value").GetDecimal()).ToArray());
        await Poll.UntilAsync(() => Api.ScalarAsync(app.DatabasePath, "SELECT sum(Tokens) FROM UsageCounters WHERE Granularity = 'minute' AND DimensionKey = 'roller'"),
            tokens => tokens == 400, "the stored minute counters");
    }

    private static object RollingPolicy(string duration, long limit) => new
    {
        name = $"rolling {duration}", scope = new { type = "bot", id = "roller" }, metric = "tokens", limit,
        window = new { type = "rolling", duration }, thresholds = new[] { 80 }, action = "warn", notify = new { inApp = true },
    };

    [Fact]
    public async Task AnAccountCap_BlocksEveryBot_EvenWhenABotsOwnLimitIsHigher()
    {
        await using var app = await AppProcess.StartAsync();
        using var client = app.CreateClient();
        await client.CreatePolicyAsync(BlockPolicy("bot", "generous-bot", 1_000_000));
        await client.CreatePolicyAsync(BlockPolicy("account", null, 500));

        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("a1", bot: "generous-bot", input: 600));

        var own = await CheckAsync(client, "generous-bot");
        var other = await CheckAsync(client, "never-seen-bot");
        Assert.False(own.GetProperty("allowed").GetBoolean());
        Assert.False(other.GetProperty("allowed").GetBoolean());
        Assert.Equal("account", own.GetProperty("reasons")[0].GetProperty("scope").GetString());
        var bots = await (await client.GetAsync("/api/v1/bots")).JsonOf();
        Assert.Equal("account", bots.GetProperty("items")[0].GetProperty("blockedBy").GetString());
    }

    [Fact]
    public async Task ATierTemplateLimitsEachUser_AndAnOverrideReplacesIt()
    {
        using var client = App.CreateClient();
        var tier = Unique("tier");
        var vip = Unique("vip");
        var template = await client.CreatePolicyAsync(BlockPolicy("tier", tier, 100));
        await client.CreatePolicyAsync(BlockPolicy("user", vip, 10_000));

        Assert.Equal("block", await ActionOfAsync(client, Api.Event(Unique("e"), bot: "shared-bot", input: 150, user: "ann-" + tier, tier: tier)));
        Assert.Equal("allow", await ActionOfAsync(client, Api.Event(Unique("e"), bot: "shared-bot", input: 50, user: "bob-" + tier, tier: tier)));
        Assert.Equal("allow", await ActionOfAsync(client, Api.Event(Unique("e"), bot: "shared-bot", input: 150, user: vip, tier: tier)));

        Assert.False((await CheckAsync(client, "any-bot", "ann-" + tier, tier)).GetProperty("allowed").GetBoolean());
        Assert.True((await CheckAsync(client, "shared-bot", "bob-" + tier, tier)).GetProperty("allowed").GetBoolean());

        // Asked without the tier, the answer still names the template that blocks the user.
        var withoutTier = await CheckAsync(client, "any-bot", "ann-" + tier);
        Assert.Equal("block", withoutTier.GetProperty("action").GetString());
        Assert.Equal(template, withoutTier.GetProperty("reasons")[0].GetProperty("policyId").GetString());
    }

    [Fact]
    public async Task ATiersLabel_MatchesInAnyCase_InTemplatesChecksAndTheUsageByTier()
    {
        await using var app = await AppProcess.StartAsync();
        using var client = app.CreateClient();
        await client.CreatePolicyAsync(BlockPolicy("tier", "Pro", 100));

        Assert.Equal("allow", await ActionOfAsync(client, Api.Event("t1", bot: "tier-bot", input: 60, user: "ann", tier: "pro")));
        Assert.Equal("block", await ActionOfAsync(client, Api.Event("t2", bot: "tier-bot", input: 60, user: "ann", tier: "PRO")));
        Assert.Equal("allow", await ActionOfAsync(client, Api.Event("t3", bot: "tier-bot", input: 10, user: "bob", tier: "Pro")));

        Assert.False((await CheckAsync(client, "any-bot", "ann", "pRo")).GetProperty("allowed").GetBoolean());
        var summary = await (await client.GetAsync("/api/v1/usage/summary?groupBy=tier")).JsonOf();
        var tier = Assert.Single(summary.GetProperty("items").EnumerateArray());
        Assert.Equal(("pro", 130), (tier.GetProperty("key").GetString(), tier.GetProperty("totals").GetProperty("tokens").GetInt64()));
    }

    [Fact]
    public async Task SixteenClientsInParallel_NeverOvershootUnseen()
    {
        using var client = App.CreateClient();
        var bot = Unique("race");
        await client.CreatePolicyAsync(BlockPolicy("bot", bot, 100, thresholds: [50]));
        using var start = new SemaphoreSlim(0);

        var clients = Enumerable.Range(0, 16).Select(async c =>
        {
            await start.WaitAsync();
            var actions = new List<string>();
            for (var i = 0; i < 10; i++)
            {
                actions.Add(await ActionOfAsync(client, Api.Event($"{bot}-{c}-{i}", bot: bot, input: 10)));
            }

            return actions;
        }).ToList();
        start.Release(16);
        var actions = (await Task.WhenAll(clients)).SelectMany(a => a).ToList();

        // Exactly 9 events leave the counter under 100; the 10th reaches it and every later one is blocked.
        Assert.Equal(160, actions.Count);
        Assert.Equal(9, actions.Count(a => a != "block"));
        Assert.Equal(4, actions.Count(a => a == "allow"));
        var usage = await (await client.GetAsync($"/api/v1/bots/{bot}/usage")).JsonOf();
        Assert.Equal(1600, usage.GetProperty("tokensToday").GetInt64());
        Assert.Equal(1600, await Api.ScalarAsync(App.DatabasePath, $"SELECT sum(InputTokens) FROM UsageEvents WHERE BotKey = '{bot}'"));
    }

    [Fact]
    public async Task APolicyWithoutAnyAction_IsRejectedWithFieldErrors()
    {
        using var client = App.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/policies", new
        {
            name = "", scope = new { type = "team" }, metric = "tokens", limit = -1, window = new { type = "rolling", duration = "PT0S" },
            thresholds = new[] { 0, 120 }, action = "warn", notify = new { email = false, inApp = false },
        });
        var errors = (await response.JsonOf()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var field in new[] { "name", "scope.id", "limit", "window.duration", "thresholds[0]", "thresholds[1]", "action" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
    }

    private static StringContent JsonContent(object value) =>
        new(JsonSerializer.Serialize(value, Api.Json), System.Text.Encoding.UTF8, "application/json");
}
