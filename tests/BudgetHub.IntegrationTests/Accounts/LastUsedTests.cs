using System.Net;
using System.Text.RegularExpressions;
using BudgetHub.IntegrationTests.Usage;

namespace BudgetHub.IntegrationTests.Accounts;

/// <summary>Settings shows when a credential was last used at once, from memory; a recurring job writes it.</summary>
public sealed partial class LastUsedTests(LastUsedTests.EverySecondFlush fixture) : IClassFixture<LastUsedTests.EverySecondFlush>
{
    private static readonly TimeSpan FlushDeadline = TimeSpan.FromSeconds(90);

    private AppProcess App => fixture.App;

    [Fact]
    public async Task AnAcceptedSignedEvent_ShowsAsTheWebhookSourcesLastUse_AndIsWrittenByTheFlushJob()
    {
        using var owner = await SignedInOwnerAsync();

        var refused = await SignedWebhook.SendAsync(App, """{"id":"last-used-0","botId":"webhook-bot"}""", signature: "v1,bm90IGl0");
        var pageAfterRefusal = await owner.Client.GetStringAsync("/settings/webhooks");
        var accepted = await SignedWebhook.SendAsync(App, """{"id":"last-used-1","botId":"webhook-bot"}""");
        var pageAfterAcceptance = await owner.Client.GetStringAsync("/settings/webhooks");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Matches(SourceNeverUsed(), pageAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Matches(SourceUsedAt(), pageAfterAcceptance);
        await Poll.UntilAsync(
            async () => await Api.ScalarAsync(App.DatabasePath, "SELECT count(*) FROM WebhookSources WHERE SourceId = 'default' AND LastUsedAt IS NOT NULL") == 1,
            "the flush job to write the webhook source's last use", FlushDeadline);
    }

    [Fact]
    public async Task AUsedApiKey_ShowsAsUsed_AndIsWrittenByTheFlushJob()
    {
        using var owner = await SignedInOwnerAsync();
        using var client = App.CreateClient();

        var pageBeforeUse = await owner.Client.GetStringAsync("/settings/api-keys");
        var used = await client.GetAsync("/api/v1/account");
        var pageAfterUse = await owner.Client.GetStringAsync("/settings/api-keys");

        Assert.Contains(">Never<", pageBeforeUse, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        Assert.DoesNotContain(">Never<", pageAfterUse, StringComparison.Ordinal);
        await Poll.UntilAsync(
            async () => await Api.ScalarAsync(App.DatabasePath, "SELECT count(*) FROM ApiKeys WHERE LastUsedAt IS NOT NULL") == 1,
            "the flush job to write the API key's last use", FlushDeadline);
    }

    private async Task<BrowserlessSession> SignedInOwnerAsync()
    {
        var owner = new BrowserlessSession(App.BaseAddress);
        await owner.SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);
        return owner;
    }

    [GeneratedRegex(@"Last used:\s*<span>never</span>")]
    private static partial Regex SourceNeverUsed();

    [GeneratedRegex(@"Last used:\s*<span title=""\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ"">just now</span>")]
    private static partial Regex SourceUsedAt();

    public sealed class EverySecondFlush : AppFixture
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Jobs:ApiKeyLastUsedCron"] = "* * * * * *",
            ["Jobs:WebhookSourceLastUsedCron"] = "* * * * * *",
        };
    }
}
