using BudgetHub.Infrastructure.Persistence;
using BudgetHub.Infrastructure.Usage;

namespace BudgetHub.Web.Tests.Usage;

/// <summary>The built-in list only: an account without overrides never reaches the database.</summary>
public sealed class PriceCatalogTests
{
    private const long Account = 1;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private readonly PriceCatalog _catalog = new(new AccountDb(null!), TimeProvider.System);

    [Theory]
    [InlineData("claude-3-5-sonnet", 3.00, 15.00)]
    [InlineData("claude-3-5-sonnet-20241022", 3.00, 15.00)]
    [InlineData("claude-3-5-sonnet-latest", 3.00, 15.00)]
    [InlineData("claude-3-5-haiku-20241022", 0.80, 4.00)]
    [InlineData("claude-3-opus-20240229", 15.00, 75.00)]
    [InlineData("claude-3-haiku-20240307", 0.25, 1.25)]
    [InlineData("claude-sonnet-4-5-20250929", 3.00, 15.00)]
    public void Find_PricesOlderAndDatedClaudeModels_AtTheirListPrices(string model, decimal input, decimal output) =>
        AssertPriced(model, input, output);

    [Fact]
    public void Find_StopsCachingModelNames_PastItsBound_AndStillPricesThem()
    {
        for (var i = 0; i < PriceCatalog.MaxCachedModels + 50; i++)
        {
            Assert.Null(_catalog.Find(Account, $"made-up-model-{i}", Now));
        }

        Assert.Equal(PriceCatalog.MaxCachedModels, _catalog.PricesOf(Account).CachedModels);
        AssertPriced("gpt-4o", 2.50m, 10.00m);
    }

    [Fact]
    public void Find_AfterAPriceChange_UsesTheAccountsOwnPrice()
    {
        AssertPriced("gpt-4o", 2.50m, 10.00m);

        _catalog.Replace(Account, [OwnPrice("gpt-4o", 1.00m, 4.00m)]);

        AssertPriced("gpt-4o", 1.00m, 4.00m);
    }

    [Fact]
    public void Find_ThatReadThePricesBeforeAPriceChange_LeavesNoStalePriceForLaterEvents()
    {
        var before = _catalog.PricesOf(Account); // the writer's Find has read the account's prices, missing gpt-4o
        _catalog.Replace(Account, [OwnPrice("gpt-4o", 1.00m, 4.00m)]); // a person changes the price meanwhile

        var inFlight = _catalog.Find(before, "gpt-4o", Now); // that Find goes on and caches what it computed

        Assert.Equal(2_500_000, inFlight?.InputMicrosPerMTok);
        AssertPriced("gpt-4o", 1.00m, 4.00m);
    }

    [Fact]
    public void Find_CachesEachAccountsModelNamesApart_SoOneAccountsFloodLeavesOthersCached()
    {
        for (var i = 0; i < PriceCatalog.MaxCachedModels; i++)
        {
            _catalog.Find(Account, $"made-up-model-{i}", Now);
        }

        _catalog.Find(Account + 1, "gpt-4o", Now);

        Assert.Equal(1, _catalog.PricesOf(Account + 1).CachedModels);
    }

    [Theory]
    [InlineData("GPT-4o")]
    [InlineData("Gpt-4O-2024-08-06")]
    [InlineData("gpt-4o")]
    public void Find_IgnoresCase(string model) => AssertPriced(model, 2.50m, 10.00m);

    [Theory]
    [InlineData("openai/gpt-4o", 2.50, 10.00)]
    [InlineData("anthropic/claude-sonnet-4-5", 3.00, 15.00)]
    [InlineData("Anthropic/Claude-3-5-Sonnet-20241022", 3.00, 15.00)]
    [InlineData("meta-llama/llama-3.3-70b-instruct", 0.59, 0.79)]
    public void Find_StripsAProviderPrefix(string model, decimal input, decimal output) => AssertPriced(model, input, output);

    [Theory]
    [InlineData("anthropic/")]
    [InlineData("/")]
    [InlineData("unknown/not-a-model")]
    [InlineData("not-a-model")]
    public void Find_LeavesUnknownNamesUnpriced(string model) => Assert.Null(_catalog.Find(Account, model, Now));

    [Fact]
    public void Find_KeepsHistory_PricingAnEventAtTheListPriceOfItsDay()
    {
        var beforeCut = _catalog.Find(Account, "GPT-4o", new DateTimeOffset(2024, 9, 1, 0, 0, 0, TimeSpan.Zero));
        var beforeRelease = _catalog.Find(Account, "anthropic/claude-3-5-sonnet", new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(5_000_000, beforeCut?.InputMicrosPerMTok);
        Assert.Null(beforeRelease);
    }

    [Fact]
    public void Find_MatchesTheSameModelWhateverItsCase_OnceCached()
    {
        var lower = _catalog.Find(Account, "claude-3-haiku", Now);
        var upper = _catalog.Find(Account, "CLAUDE-3-HAIKU", Now);

        Assert.NotNull(lower);
        Assert.Same(lower, upper);
    }

    private static ModelPrice OwnPrice(string model, decimal input, decimal output) => new()
    {
        AccountId = Account,
        Provider = "openai",
        Model = model,
        InputMicrosPerMTok = (long)(input * 1_000_000m),
        OutputMicrosPerMTok = (long)(output * 1_000_000m),
        EffectiveFrom = Now.UtcDateTime.AddDays(-1),
    };

    private void AssertPriced(string model, decimal input, decimal output)
    {
        var price = _catalog.Find(Account, model, Now);

        Assert.NotNull(price);
        Assert.Equal((long)(input * 1_000_000m), price.InputMicrosPerMTok);
        Assert.Equal((long)(output * 1_000_000m), price.OutputMicrosPerMTok);
    }
}
