using BudgetHub.Infrastructure.Accounts;

namespace BudgetHub.Web.Tests.Accounts;

public sealed class ApiKeyServiceTests : IDisposable
{
    private readonly InMemoryAccountDb _database = new();
    private readonly ApiKeyService _keys;
    private readonly long _accountId;

    public ApiKeyServiceTests()
    {
        _keys = new ApiKeyService(_database.Db, TimeProvider.System);
        _accountId = _database.AccountId;
    }

    [Fact]
    public async Task RevokedAt_OfAKeyRevokedWhileRunning_IsKnownAtOnce_AndTheKeyIsRefused()
    {
        var created = await _keys.CreateAsync(_accountId, "Bot key", "test");
        Assert.NotNull(await _keys.AuthenticateAsync(created.Plaintext));

        await _keys.RevokeAsync(_accountId, created.Key.Id);
        var revokedAt = (await _keys.ListAsync(_accountId)).Single().RevokedAt;

        Assert.Null(await _keys.AuthenticateAsync(created.Plaintext));
        Assert.NotNull(revokedAt);
        Assert.Equal(revokedAt, await _keys.RevokedAtAsync(created.Plaintext));
    }

    [Theory]
    [InlineData("bh_never_issued_0123456789abcdefghijklmn")]
    [InlineData("not-a-key")]
    public async Task RevokedAt_OfAKeyNeverIssued_IsNull(string plaintext)
    {
        await _keys.CreateAsync(_accountId, "Bot key", "test");

        Assert.Null(await _keys.RevokedAtAsync(plaintext));
    }

    [Fact]
    public async Task RevokedAt_OfAnActiveKey_IsNull()
    {
        var created = await _keys.CreateAsync(_accountId, "Bot key", "test");

        Assert.Null(await _keys.RevokedAtAsync(created.Plaintext));
    }

    public void Dispose() => _database.Dispose();
}
