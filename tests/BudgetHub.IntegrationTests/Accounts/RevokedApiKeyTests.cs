using System.Net;
using BudgetHub.Infrastructure.Accounts;

namespace BudgetHub.IntegrationTests.Accounts;

public sealed class RevokedApiKeyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string RevokedKey = "bh_revoked_0123456789abcdefghijklmnopqr";

    private AppProcess App => fixture.App;

    [Fact]
    public async Task ARevokedKey_IsRefusedWith401_SayingWhenItWasRevoked_WhileAnUnknownKeyGetsTheGenericAnswer()
    {
        await Api.ExecuteAsync(App.DatabasePath, $"""
            INSERT INTO ApiKeys (AccountId, Name, Prefix, Hash, CreatedBy, CreatedAt, RevokedAt)
            VALUES ((SELECT min(Id) FROM Accounts), 'Old key', 'bh_revoked', '{Secrets.Sha256Hex(RevokedKey)}', 'test', '2026-01-10 08:00:00', '2026-01-15 09:30:00')
            """);
        await App.RestartAsync();
        using var revoked = App.CreateClient(RevokedKey);
        using var unknown = App.CreateClient("bh_unknown_0123456789abcdefghijklmnopqr");

        var account = await revoked.GetAsync("/api/v1/account");
        var ingest = await revoked.PostRawAsync("/api/v1/usage/events", """{"id":"revoked-1","botId":"old-bot"}""");
        var unknownAccount = await unknown.GetAsync("/api/v1/account");

        foreach (var response in new[] { account, ingest })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.JsonOf();
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
            Assert.Equal("Unauthorized", problem.GetProperty("title").GetString());
            Assert.Equal("This API key was revoked on 2026-01-15 09:30 UTC. Create a new key in Settings → API keys.", problem.GetProperty("detail").GetString());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, unknownAccount.StatusCode);
        Assert.StartsWith("Send a valid API key", (await unknownAccount.JsonOf()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
