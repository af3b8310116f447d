using System.Net;
using System.Text.RegularExpressions;

namespace BudgetHub.IntegrationTests.Accounts;

public sealed class AuthenticationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task Health_AnswersOk_OnceReady()
    {
        using var client = App.CreateClient(apiKey: null);

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bh_wrong_0123456789abcdefghijklmnopqrstu")]
    [InlineData("not-even-our-format")]
    public async Task Api_WithoutAValidKey_Answers401ProblemDetails(string? key)
    {
        using var client = App.CreateClient(apiKey: key);

        var response = await client.GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await response.JsonOf()).GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bh_wrong_0123456789abcdefghijklmnopqrstu")]
    public async Task HotEndpoints_WithoutAValidKey_Answer401ProblemDetails_AndStoreNothing(string? key)
    {
        using var client = App.CreateClient(apiKey: key);
        using var valid = App.CreateClient();

        var ingest = await client.PostRawAsync("/api/v1/usage/events", $$"""{"id":"unauthorized-{{key?.Length}}","botId":"intruder"}""");
        var check = await client.GetAsync("/api/v1/enforcement/check?botId=intruder");

        foreach (var response in new[] { ingest, check })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await valid.GetAsync("/api/v1/bots/intruder/usage")).StatusCode);
    }

    [Fact]
    public async Task Api_WithTheBootstrapKey_ActsInTheBootstrapAccount()
    {
        using var client = App.CreateClient();

        var account = await (await client.GetAsync("/api/v1/account")).JsonOf();

        Assert.Equal("Test Co", account.GetProperty("name").GetString());
    }

    [Fact]
    public async Task SignOut_EndsTheSessionOnTheServer_SoACopiedCookieNoLongerWorks()
    {
        using var session = new BrowserlessSession(App.BaseAddress);
        await session.SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);
        using var copy = new HttpClient { BaseAddress = App.BaseAddress };
        copy.DefaultRequestHeaders.Add("Cookie", session.CookieHeader);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/v1/policies")).StatusCode);

        var signOut = await session.SignOutAsync();

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/v1/policies")).StatusCode);
    }

    [Fact]
    public async Task Register_CreatesANewAccountWithTheRegistrantAsOwner()
    {
        using var session = new BrowserlessSession(App.BaseAddress);

        var registered = await session.RegisterAsync("Second Co", "second@example.com", "long enough password");
        var account = await (await session.Client.GetAsync("/api/v1/account")).JsonOf();

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("Second Co", account.GetProperty("name").GetString());
        Assert.Equal("Owner", account.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Register_WithAShortPassword_IsRefused()
    {
        using var session = new BrowserlessSession(App.BaseAddress);

        var response = await session.RegisterAsync("Short Co", "short@example.com", "seven77");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at least 8 characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Client.GetAsync("/api/v1/account")).StatusCode);
    }

    [Fact]
    public async Task AWrongPassword_SaysSoInPlainWords()
    {
        using var session = new BrowserlessSession(App.BaseAddress);

        var page = System.Net.WebUtility.HtmlDecode(await (await session.SignInAsync(AppProcess.AdminEmail, "not the password")).Content.ReadAsStringAsync());

        Assert.Contains("That email and password do not match an account.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Error: That", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_IsLockedAfterFiveFailedAttempts_EvenWithTheRightPassword()
    {
        using var setup = new BrowserlessSession(App.BaseAddress);
        await setup.RegisterAsync("Lock Co", "lock@example.com", "the right password");

        using var attacker = new BrowserlessSession(App.BaseAddress);
        for (var i = 0; i < 5; i++)
        {
            await attacker.SignInAsync("lock@example.com", "a wrong password");
        }

        var sixth = await attacker.SignInAsync("lock@example.com", "the right password");

        Assert.EndsWith("/Account/Lockout", sixth.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.Client.GetAsync("/api/v1/account")).StatusCode);
    }

    [Fact]
    public async Task HangfireDashboard_IsForOwnersOnly()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };
        using var withApiKey = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };
        withApiKey.DefaultRequestHeaders.Authorization = new("Bearer", AppProcess.ApiKey);
        using var owner = new BrowserlessSession(App.BaseAddress);
        await owner.SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);

        var ownerResponse = await owner.Client.GetAsync("/hangfire");
        var anonymousResponse = await anonymous.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, ownerResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymousResponse.StatusCode);
        Assert.Contains("/Account/Login", anonymousResponse.Headers.Location?.OriginalString, StringComparison.Ordinal);
        // An API key opens /api/v1 only, never the dashboard or the pages.
        Assert.Equal(HttpStatusCode.Redirect, (await withApiKey.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await withApiKey.GetAsync("/usage")).StatusCode);
    }

    [Fact]
    public async Task HangfireDashboard_RefusesTheOwnerOfAnyOtherAccount_PagesAndActions()
    {
        using var stranger = new BrowserlessSession(App.BaseAddress);
        await stranger.RegisterAsync("Stranger Co", "stranger@example.com", "stranger password 1");
        using var owner = new BrowserlessSession(App.BaseAddress);
        await owner.SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);

        var page = await stranger.Client.GetAsync("/hangfire/recurring");
        var html = await page.Content.ReadAsStringAsync();
        using var remove = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/remove")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", "outbox-delivery")]),
        };
        // Were the page served, Hangfire's own CSRF token would be on it: send it as a browser would.
        var csrfHeader = Regex.Match(html, "name=\"csrf-header\" content=\"([^\"]+)\"").Groups[1].Value;
        if (csrfHeader.Length > 0)
        {
            remove.Headers.Add(csrfHeader, Regex.Match(html, "name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value);
        }

        var removed = await stranger.Client.SendAsync(remove);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/AccessDenied", page.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("/Account/AccessDenied", removed.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("outbox-delivery", await owner.Client.GetStringAsync("/hangfire/recurring"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        using var client = App.CreateClient(apiKey: null);

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/usage/events", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/enforcement/check", document, StringComparison.Ordinal);
    }
}
