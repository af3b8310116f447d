using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using BudgetHub.Domain.Common;
using BudgetHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BudgetHub.Infrastructure.Usage;

/// <summary>
/// Prices events whose cost was not given: the shipped list prices, overridden per account, each
/// effective from a date so that a price change never re-prices history. Answers from memory.
/// </summary>
public sealed class PriceCatalog
{
    private readonly ImmutableArray<ModelPrice> _builtIn = LoadBuiltIn();
    private readonly ConcurrentDictionary<long, AccountPrices> _accounts = new();

    /// <summary>
    /// Model names come from events, so a flood of made-up names must not grow an account's cache without end;
    /// past this, a name is matched on every event. Per account, so one account's flood slows no other.
    /// </summary>
    internal const int MaxCachedModels = 10_000;
    private readonly AccountDb _db;
    private readonly TimeProvider _clock;

    public PriceCatalog(AccountDb db, TimeProvider clock)
    {
        _db = db;
        _clock = clock;
    }

    public IReadOnlyList<ModelPrice> BuiltIn => _builtIn;

    /// <summary>The price in force for <paramref name="model"/> at <paramref name="at"/>, or null when the model has none.</summary>
    public ModelPrice? Find(long accountId, string? model, DateTimeOffset at)
    {
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }

        return Find(PricesOf(accountId), model, at);
    }

    /// <summary>
    /// The price from one reading of the account's prices: what it caches was computed from those same
    /// overrides, so a price change made meanwhile, which replaces them, leaves no stale price behind.
    /// </summary>
    internal ModelPrice? Find(AccountPrices prices, string model, DateTimeOffset at)
    {
        var candidates = prices.CandidatesFor(model, _builtIn);
        var instant = at.UtcDateTime;
        foreach (var price in candidates)
        {
            if (price.EffectiveFrom <= instant)
            {
                return price;
            }
        }

        return null;
    }

    internal AccountPrices PricesOf(long accountId) => _accounts.GetOrAdd(accountId, static _ => new AccountPrices([]));

    /// <summary>A price change: the account's prices are replaced whole, cache and all.</summary>
    internal void Replace(long accountId, ImmutableArray<ModelPrice> overrides) => _accounts[accountId] = new AccountPrices(overrides);

    /// <summary>One account's own prices and, per model name (any case), the prices that match it, newest first: matching by name runs once per model.</summary>
    internal sealed class AccountPrices(ImmutableArray<ModelPrice> overrides)
    {
        private readonly ConcurrentDictionary<string, ModelPrice[]> _byModel = new(StringComparer.OrdinalIgnoreCase);
        private int _cachedModels;

        public int CachedModels => Volatile.Read(ref _cachedModels);

        public ModelPrice[] CandidatesFor(string model, ImmutableArray<ModelPrice> builtIn)
        {
            if (!_byModel.TryGetValue(model, out var candidates))
            {
                candidates = Candidates(overrides, builtIn, model);
                if (Volatile.Read(ref _cachedModels) < MaxCachedModels && _byModel.TryAdd(model, candidates))
                {
                    Interlocked.Increment(ref _cachedModels);
                }
            }

            return candidates;
        }
    }

    /// <summary>
    /// The prices for the name as sent; when none, for the name without its provider prefix
    /// (OpenRouter's <c>anthropic/claude-sonnet-4-5</c>), so an account's own price for a prefixed name still wins.
    /// </summary>
    private static ModelPrice[] Candidates(ImmutableArray<ModelPrice> overrides, ImmutableArray<ModelPrice> builtIn, string model)
    {
        var candidates = Candidates(overrides, builtIn, model.AsSpan());
        var slash = model.IndexOf('/', StringComparison.Ordinal);
        return candidates.Length == 0 && slash >= 0 ? Candidates(overrides, builtIn, model.AsSpan(slash + 1)) : candidates;
    }

    /// <summary>The account's own prices for the model (all dates), then the built-in ones, each newest first.</summary>
    private static ModelPrice[] Candidates(ImmutableArray<ModelPrice> overrides, ImmutableArray<ModelPrice> builtIn, ReadOnlySpan<char> model)
    {
        var own = Matching(overrides, model);
        var ownStart = own.Length == 0 ? DateTime.MaxValue : own.Min(p => p.EffectiveFrom);
        // Before the account's first own price, the built-in list still applies.
        return [.. own, .. Matching(builtIn, model).Where(p => p.EffectiveFrom < ownStart)];
    }

    private static ModelPrice[] Matching(ImmutableArray<ModelPrice> prices, ReadOnlySpan<char> model)
    {
        var best = Match(prices, model, DateTime.MaxValue);
        return best is null
            ? []
            : [.. prices.Where(p => string.Equals(p.Model, best.Model, StringComparison.OrdinalIgnoreCase)).OrderByDescending(p => p.EffectiveFrom)];
    }

    /// <summary>Exact name first; else the longest catalog name that the model extends with a dash (dated snapshots such as gpt-4o-2024-08-06).</summary>
    private static ModelPrice? Match(ImmutableArray<ModelPrice> prices, ReadOnlySpan<char> model, DateTime at)
    {
        ModelPrice? best = null;
        var bestLength = -1;
        foreach (var price in prices)
        {
            if (price.EffectiveFrom > at)
            {
                continue;
            }

            var exact = model.Equals(price.Model, StringComparison.OrdinalIgnoreCase);
            var extends = !exact && model.Length > price.Model.Length + 1
                && model.StartsWith(price.Model, StringComparison.OrdinalIgnoreCase) && model[price.Model.Length] == '-';
            var length = exact ? int.MaxValue : extends ? price.Model.Length : -1;
            if (length > bestLength || (length == bestLength && length >= 0 && price.EffectiveFrom > best!.EffectiveFrom))
            {
                best = price;
                bestLength = length;
            }
        }

        return bestLength >= 0 ? best : null;
    }

    public async Task LoadOverridesAsync(CancellationToken ct = default)
    {
        await using var context = _db.System();
        var rows = await context.ModelPrices.IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);
        foreach (var group in rows.GroupBy(r => r.AccountId))
        {
            Replace(group.Key, [.. group]);
        }
    }

    public async Task<IReadOnlyList<ModelPrice>> ListOverridesAsync(long accountId, CancellationToken ct = default)
    {
        await using var context = _db.For(accountId);
        return await context.ModelPrices.AsNoTracking().OrderBy(p => p.Model).ThenByDescending(p => p.EffectiveFrom).ToListAsync(ct);
    }

    public async Task<ModelPrice> AddOverrideAsync(long accountId, ModelPrice price, string actor, CancellationToken ct = default)
    {
        await using var context = _db.For(accountId);
        price.AccountId = accountId;
        price.CreatedAt = _clock.GetUtcNow().UtcDateTime;
        price.CreatedBy = actor;
        context.ModelPrices.Add(price);
        await context.SaveChangesAsync(ct);
        await ReloadAsync(context, accountId, ct);
        return price;
    }

    public async Task<bool> DeleteOverrideAsync(long accountId, long id, CancellationToken ct = default)
    {
        await using var context = _db.For(accountId);
        var deleted = await context.ModelPrices.Where(p => p.Id == id).ExecuteDeleteAsync(ct) > 0;
        await ReloadAsync(context, accountId, ct);
        return deleted;
    }

    private async Task ReloadAsync(BudgetHubDbContext context, long accountId, CancellationToken ct) =>
        Replace(accountId, [.. await context.ModelPrices.AsNoTracking().ToListAsync(ct)]);

    private static ImmutableArray<ModelPrice> LoadBuiltIn()
    {
        using var stream = typeof(PriceCatalog).Assembly.GetManifestResourceStream("BudgetHub.Infrastructure.Usage.prices.json")
            ?? throw new InvalidOperationException("The built-in price list is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("prices").EnumerateArray().Select(p => new ModelPrice
        {
            Provider = p.GetProperty("provider").GetString()!,
            Model = p.GetProperty("model").GetString()!,
            InputMicrosPerMTok = Money.ToMicros(p.GetProperty("input").GetDecimal()),
            CachedInputMicrosPerMTok = Money.ToMicros(p.GetProperty("cachedInput").GetDecimal()),
            OutputMicrosPerMTok = Money.ToMicros(p.GetProperty("output").GetDecimal()),
            EffectiveFrom = DateTime.SpecifyKind(DateTime.Parse(p.GetProperty("effectiveFrom").GetString()!, CultureInfo.InvariantCulture), DateTimeKind.Utc),
        })];
    }
}
