using System.Net;

namespace BudgetHub.IntegrationTests.Notifications;

/// <summary>The app sends real email to a real SMTP server (aiosmtpd writing a Maildir).</summary>
public sealed class AlertEmailTests : IAsyncLifetime
{
    private SmtpServer _smtp = default!;
    private AppProcess _app = default!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        _app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private static object Budget(string bot, long limit) => new
    {
        name = $"Budget of {bot}", scope = new { type = "bot", id = bot }, metric = "tokens", limit,
        window = new { type = "fixed", unit = "day" }, thresholds = new[] { 50, 80, 95 }, action = "warn",
    };

    private async Task WithDiagnostics(Func<Task> wait)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException ex)
        {
            var outbox = await Api.ScalarAsync(_app.DatabasePath, "SELECT count(*) FROM Outbox");
            var errors = await Api.ScalarAsync(_app.DatabasePath, "SELECT count(*) FROM Outbox WHERE LastError IS NOT NULL");
            throw new TimeoutException($"{ex.Message}; outbox rows {outbox}, with errors {errors}, maildir {_smtp.Maildir}; app output:\n{_app.Output}", ex);
        }
    }

    private async Task<long> UnsentAsync() => await Api.ScalarAsync(_app.DatabasePath, "SELECT count(*) FROM Outbox WHERE SentAt IS NULL");

    [Fact]
    public async Task SixteenParallelClientsCrossingThresholds_SendExactlyOneEmailPerThreshold()
    {
        using var client = _app.CreateClient();
        await client.CreatePolicyAsync(Budget("mail-bot", 1000));
        using var start = new SemaphoreSlim(0);
        var senders = Enumerable.Range(0, 16).Select(async c =>
        {
            await start.WaitAsync();
            for (var i = 0; i < 10; i++)
            {
                await client.PostJsonAsync("/api/v1/usage/events", Api.Event($"m-{c}-{i}", bot: "mail-bot", input: 10));
            }
        }).ToList();
        start.Release(16);
        await Task.WhenAll(senders);

        // 50% is "info": in-app only by default; 80% (warning), 95% (critical) and 100% (exceeded) email the owner.
        await WithDiagnostics(() => Poll.UntilAsync(() => Task.FromResult(_smtp.Messages().Count >= 3), "three emails", TimeSpan.FromSeconds(30)));
        await Poll.UntilAsync(async () => await UnsentAsync() == 0, "the outbox to drain");
        var messages = _smtp.Messages();
        Assert.Equal(3, messages.Count);
        Assert.Single(messages, m => m.Contains("Warning: Budget of mail-bot", StringComparison.Ordinal));
        Assert.Single(messages, m => m.Contains("Critical: Budget of mail-bot", StringComparison.Ordinal));
        Assert.Single(messages, m => m.Contains("Exceeded: Budget of mail-bot", StringComparison.Ordinal));
        Assert.All(messages, m => Assert.Contains(AppProcess.AdminEmail, m, StringComparison.Ordinal));
        // No Email:PublicBaseUrl is set: links go to the address the app listens on.
        Assert.All(messages, m => Assert.Contains(new Uri(_app.BaseAddress, "/notifications").ToString(), m, StringComparison.Ordinal));
        var alerts = await (await client.GetAsync("/api/v1/alerts")).JsonOf();
        Assert.Equal(4, alerts.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ATierTemplate_EmailsTheFirstUserToReachALevel_NotEveryUser()
    {
        using var client = _app.CreateClient();
        await client.CreatePolicyAsync(new
        {
            name = "Gold tier daily tokens", scope = new { type = "tier", id = "gold" }, metric = "tokens", limit = 100,
            window = new { type = "fixed", unit = "day" }, thresholds = new[] { 80 }, action = "warn",
        });

        foreach (var user in new[] { "gold-1", "gold-2", "gold-3" })
        {
            await client.PostJsonAsync("/api/v1/usage/events", Api.Event($"gold-{user}", bot: "gold-bot", input: 85, user: user, tier: "gold"));
        }

        await WithDiagnostics(() => Poll.UntilAsync(() => Task.FromResult(_smtp.Messages().Count >= 1), "the first user's email", TimeSpan.FromSeconds(30)));
        await Poll.UntilAsync(async () => await UnsentAsync() == 0, "the outbox to drain");
        var message = Assert.Single(_smtp.Messages());
        Assert.Contains("Other users of this tier who reach this level", message, StringComparison.Ordinal);
        Assert.Equal(3, await Api.ScalarAsync(_app.DatabasePath, "SELECT count(*) FROM Alerts WHERE PolicyName = 'Gold tier daily tokens' AND Threshold = 80"));
    }

    [Fact]
    public async Task SmtpDownThenUp_DeliversOnce()
    {
        using var client = _app.CreateClient();
        await client.CreatePolicyAsync(Budget("outage-bot", 100));
        _smtp.Stop();

        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("o1", bot: "outage-bot", input: 100));
        await Poll.UntilAsync(async () => await Api.ScalarAsync(_app.DatabasePath, "SELECT count(*) FROM Outbox WHERE Attempts > 0 AND SentAt IS NULL AND LastError IS NOT NULL") > 0,
            "a failed delivery attempt");
        await _smtp.StartAgainAsync();

        await Poll.UntilAsync(async () => await UnsentAsync() == 0, "the retried delivery", TimeSpan.FromSeconds(60));
        Assert.Single(_smtp.Messages(), m => m.Contains("outage-bot", StringComparison.Ordinal));
        Assert.Equal(1, await Api.ScalarAsync(_app.DatabasePath, "SELECT count(*) FROM Outbox WHERE Recipient = 'owner@example.com' AND Subject LIKE '%outage-bot%'"));
    }

    [Fact]
    public async Task AnEventThatCrossesSeveralThresholds_RecordsEach_ButNotifiesOnceForTheHighest_WhichAloneIsActive()
    {
        using var client = _app.CreateClient();
        await client.CreatePolicyAsync(Budget("leap-bot", 100));

        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("leap-1", bot: "leap-bot", input: 120));

        await Poll.UntilAsync(() => Task.FromResult(_smtp.Messages().Any(m => m.Contains("Exceeded: Budget of leap-bot", StringComparison.Ordinal))), "the exceeded email");
        await Poll.UntilAsync(async () => await UnsentAsync() == 0, "the outbox to drain");
        Assert.Single(_smtp.Messages(), m => m.Contains("leap-bot", StringComparison.Ordinal));
        Assert.Equal(1, await Api.ScalarAsync(_app.DatabasePath, "SELECT count(*) FROM Notifications WHERE Title LIKE '%leap-bot%'"));
        Assert.Equal(4, await Api.ScalarAsync(_app.DatabasePath, "SELECT count(*) FROM Alerts WHERE ScopeKey = 'leap-bot'"));
        var active = (await (await client.GetAsync("/api/v1/alerts?status=active&botId=leap-bot")).JsonOf()).GetProperty("items");
        Assert.Equal(100, Assert.Single(active.EnumerateArray()).GetProperty("threshold").GetInt32());
        var passed = (await (await client.GetAsync("/api/v1/alerts?status=acknowledged&botId=leap-bot")).JsonOf()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, passed.Count);
        Assert.All(passed, alert => Assert.Equal("BudgetHub (the same event reached 100%)", alert.GetProperty("acknowledgedBy").GetString()));
    }

    [Fact]
    public async Task ABlockModePolicyAtItsLimit_EmailsWhatIsBlockedAndUntilWhen_AndARollingWindowSaysItDoesNotReset()
    {
        using var client = _app.CreateClient();
        await client.CreatePolicyAsync(new
        {
            name = "Block of stop-bot", scope = new { type = "bot", id = "stop-bot" }, metric = "tokens", limit = 100,
            window = new { type = "rolling", duration = "PT1H" }, thresholds = Array.Empty<int>(), action = "block", blockFor = "PT30M",
        });

        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("stop-1", bot: "stop-bot", input: 150));

        await WithDiagnostics(() => Poll.UntilAsync(() => Task.FromResult(_smtp.Messages().Any(m => m.Contains("Exceeded: Block of stop-bot", StringComparison.Ordinal))),
            "the exceeded email", TimeSpan.FromSeconds(30)));
        Assert.Equal(1, await Api.ScalarAsync(_app.DatabasePath, """
            SELECT count(*) FROM Outbox WHERE Subject LIKE '%Block of stop-bot%'
              AND Body LIKE '%Blocked:  bot stop-bot, until %: the enforcement check answers allowed: false%'
              AND Body LIKE '%Period:   in the last hour, the oldest usage dropping out minute by minute%'
              AND Body NOT LIKE '%Resets:%' AND HtmlBody LIKE '%>Blocked<%'
            """));
    }

    [Fact]
    public async Task AMemberWhoTurnedWarningEmailsOff_GetsNone()
    {
        using var client = _app.CreateClient();
        await Api.ExecuteAsync(_app.DatabasePath, """
            INSERT INTO NotificationPreferences (AccountId, UserId, Severity, Email, InApp)
            SELECT 1, Id, 'Warning', 0, 1 FROM AspNetUsers WHERE Email = 'owner@example.com'
            """);
        await client.CreatePolicyAsync(Budget("quiet-bot", 1000));

        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("q1", bot: "quiet-bot", input: 850));
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("q2", bot: "quiet-bot", input: 110));

        await Poll.UntilAsync(() => Task.FromResult(_smtp.Messages().Any(m => m.Contains("Critical: Budget of quiet-bot", StringComparison.Ordinal))), "the critical email");
        await Poll.UntilAsync(async () => await UnsentAsync() == 0, "the outbox to drain");
        Assert.DoesNotContain(_smtp.Messages(), m => m.Contains("Warning: Budget of quiet-bot", StringComparison.Ordinal));
        var unread = await Api.ScalarAsync(_app.DatabasePath, "SELECT count(*) FROM Notifications WHERE Title LIKE '%quiet-bot%'");
        Assert.Equal(2, unread);
    }

    [Fact]
    public async Task AcknowledgingAnAlert_KeepsWhoAndWhen()
    {
        using var client = _app.CreateClient();
        await client.CreatePolicyAsync(Budget("ack-bot", 100));
        await client.PostJsonAsync("/api/v1/usage/events", Api.Event("k1", bot: "ack-bot", input: 60));
        var alert = (await (await client.GetAsync("/api/v1/alerts?botId=ack-bot&status=active")).JsonOf()).GetProperty("items")[0];

        var acknowledged = await (await client.PostAsync($"/api/v1/alerts/{alert.GetProperty("id").GetString()}/acknowledge", null)).JsonOf();

        Assert.Equal("info", alert.GetProperty("severity").GetString());
        Assert.Matches(@"^Bootstrap key \(API key key_\d+\)$", acknowledged.GetProperty("acknowledgedBy").GetString());
        Assert.Equal(0, (await (await client.GetAsync("/api/v1/alerts?botId=ack-bot&status=active")).JsonOf()).GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/v1/alerts/alr_99999/acknowledge", null)).StatusCode);
    }
}
