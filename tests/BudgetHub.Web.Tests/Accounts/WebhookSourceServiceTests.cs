using BudgetHub.Infrastructure.Accounts;

namespace BudgetHub.Web.Tests.Accounts;

public sealed class WebhookSourceServiceTests : IDisposable
{
    private readonly InMemoryAccountDb _database = new();
    private readonly WebhookSourceService _sources;

    public WebhookSourceServiceTests() => _sources = new WebhookSourceService(_database.Db, TimeProvider.System);

    [Fact]
    public async Task Resolve_OfManyUnknownIds_KeepsOnlyTheRealSourcesInMemory()
    {
        var known = await _sources.CreateAsync(_database.AccountId, "Support bot");
        Assert.NotNull(await _sources.ResolveAsync(known.SourceId));

        for (var i = 0; i < 200; i++)
        {
            Assert.Null(await _sources.ResolveAsync($"src_unknown_{i}"));
        }

        Assert.Equal(1, _sources.CachedCount);
    }

    [Fact]
    public async Task Resolve_OfASourceCreatedElsewhereAfterAMiss_FindsItAtOnce()
    {
        Assert.Null(await _sources.ResolveAsync("src_created_later"));

        // Another app instance (its own WebhookSourceService) creates the source.
        await new WebhookSourceService(_database.Db, TimeProvider.System).CreateAsync(_database.AccountId, "Later", "src_created_later", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", CancellationToken.None);

        var found = await _sources.ResolveAsync("src_created_later");
        Assert.Equal(_database.AccountId, found?.AccountId);
    }

    public void Dispose() => _database.Dispose();
}
