using System.Net;
using System.Net.Http.Json;

namespace BudgetHub.IntegrationTests.Accounts;

public sealed class RoleTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    private Task<BrowserlessSession> MemberAsync(string email, string role) => App.MemberOfBootstrapAccountAsync(email, role);

    [Fact]
    public async Task AViewer_CanReadButNotChange()
    {
        using var viewer = await MemberAsync("viewer@example.com", "Viewer");
        var policy = new { name = "Viewer try", scope = new { type = "account" }, metric = "tokens", limit = 10, window = new { type = "fixed", unit = "day" } };

        Assert.Equal("Viewer", (await (await viewer.Client.GetAsync("/api/v1/account")).JsonOf()).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync("/api/v1/policies")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostJsonAsync("/api/v1/policies", policy)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsync("/api/v1/bots/any/pause", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsync("/api/v1/alerts/alr_1/acknowledge", null)).StatusCode);
        var ingest = await viewer.Client.PostJsonAsync("/api/v1/usage/events", new { id = "viewer-1", botId = "viewer-bot", inputTokens = 5 });
        Assert.Equal(HttpStatusCode.Forbidden, ingest.StatusCode);
        Assert.Contains("read usage but not send it", await ingest.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await Api.ScalarAsync(App.DatabasePath, "SELECT count(*) FROM UsageEvents WHERE EventId = 'viewer-1'"));
        var dashboard = await viewer.Client.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Contains("/Account/AccessDenied", dashboard.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinanceMembers_ManageBudgets()
    {
        using var finance = await MemberAsync("finance@example.com", "Finance");
        var policy = new { name = "Finance budget", scope = new { type = "account" }, metric = "cost", limit = 100, window = new { type = "fixed", unit = "month" } };

        Assert.Equal(HttpStatusCode.Created, (await finance.Client.PostJsonAsync("/api/v1/policies", policy)).StatusCode);
    }

    [Fact]
    public async Task FinanceMembers_MayNotCreateChangeOrDeleteRetentionPolicies()
    {
        using var owner = App.CreateClient();
        using var finance = await MemberAsync("finance-retention@example.com", "Finance");
        var retention = new { name = "Keep a year", kind = "retention", scope = new { type = "account" }, maxAge = "P365D" };
        var budget = new { name = "Finance-owned budget", scope = new { type = "account" }, metric = "cost", limit = 100, window = new { type = "fixed", unit = "month" } };
        var retentionId = await owner.CreatePolicyAsync(retention);
        var budgetId = await finance.Client.CreatePolicyAsync(budget);

        var refused = new[]
        {
            await finance.Client.PostJsonAsync("/api/v1/policies", new { name = "Prune everything", kind = "retention", scope = new { type = "account" }, maxAge = "PT1H" }),
            await finance.Client.PutAsJsonAsync($"/api/v1/policies/{retentionId}", retention with { maxAge = "PT1H" }, Api.Json),
            await finance.Client.PutAsJsonAsync($"/api/v1/policies/{budgetId}", new { name = "Prune everything", kind = "retention", scope = new { type = "account" }, maxAge = "PT1H" }, Api.Json),
            await finance.Client.DeleteAsync($"/api/v1/policies/{retentionId}"),
        };

        Assert.All(refused, response =>
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        });
        Assert.Equal(0, await Api.ScalarAsync(App.DatabasePath, "SELECT count(*) FROM Policies WHERE Name = 'Prune everything'"));
        Assert.Equal(1, await Api.ScalarAsync(App.DatabasePath, "SELECT count(*) FROM Policies WHERE Name = 'Keep a year' AND Kind = 'Retention'"));
        Assert.Equal(1, await Api.ScalarAsync(App.DatabasePath, "SELECT count(*) FROM Policies WHERE Name = 'Finance-owned budget' AND Kind = 'Usage'"));
        Assert.Equal(HttpStatusCode.NoContent, (await finance.Client.DeleteAsync($"/api/v1/policies/{budgetId}")).StatusCode);
    }

    [Fact]
    public async Task AnAdminOfTheOperatorAccount_OpensTheHangfireDashboard()
    {
        using var admin = await MemberAsync("operator-admin@example.com", "Admin");

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task AMemberWhoseRoleWasChanged_IsToldWhyOnTheSignInPage_OnceAndInThatBrowserOnly()
    {
        using var member = await MemberAsync("demoted@example.com", "Finance");
        using var stranger = new BrowserlessSession(App.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/usage")).StatusCode);

        // What Settings → Members does: the new role, and a new security stamp that ends the member's sessions.
        await Api.ExecuteAsync(App.DatabasePath, """
            UPDATE AccountMembers SET Role = 'Viewer' WHERE AccountId = 1 AND UserId = (SELECT Id FROM AspNetUsers WHERE Email = 'demoted@example.com');
            UPDATE AspNetUsers SET SecurityStamp = 'after-demotion' WHERE Email = 'demoted@example.com';
            """);
        var sentAway = await member.Client.GetAsync("/usage");

        Assert.Equal(HttpStatusCode.Redirect, sentAway.StatusCode);
        Assert.Contains("/Account/Login", sentAway.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("An admin changed your role in Test Co from Finance to Viewer: sign in again to continue.", await PageTextAsync(member, sentAway.Headers.Location!));
        Assert.DoesNotContain("changed your role", await PageTextAsync(member, new Uri("/Account/Login", UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain("changed your role", await PageTextAsync(stranger, new Uri("/Account/Login", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignInPageNotice_IsNeverTakenFromACookieTheAppDidNotWrite()
    {
        using var forger = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = App.BaseAddress };
        forger.DefaultRequestHeaders.Add("Cookie", "BudgetHub.SignedOut=Call%20us%20on%20555-0100%20to%20keep%20your%20account");

        var page = await forger.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("555-0100", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARemovedMember_LosesAccessAtOnce_AndTheSignInPageSaysWhy()
    {
        using var member = await MemberAsync("removed@example.com", "Viewer");
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/api/v1/bots")).StatusCode);

        // What Settings → Members does: the membership goes, and a new security stamp revokes the sessions.
        await Api.ExecuteAsync(App.DatabasePath, """
            DELETE FROM AccountMembers WHERE AccountId = 1 AND UserId = (SELECT Id FROM AspNetUsers WHERE Email = 'removed@example.com');
            UPDATE AspNetUsers SET SecurityStamp = 'after-removal' WHERE Email = 'removed@example.com';
            """);

        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Client.GetAsync("/api/v1/bots")).StatusCode);
        Assert.Contains("An admin removed you from Test Co, so you were signed out.", await PageTextAsync(member, new Uri("/Account/Login", UriKind.Relative)));
    }

    private static async Task<string> PageTextAsync(BrowserlessSession session, Uri page) =>
        WebUtility.HtmlDecode(await session.Client.GetStringAsync(page));
}
