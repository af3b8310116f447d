using System.Collections.Concurrent;

namespace BudgetHub.Infrastructure.Metering;

/// <summary>
/// Tier labels match in any case, as tier templates do (<see cref="Domain.Budgets.PolicySet"/>): "Pro" and "pro" are
/// one tier, counted under one key, so the usage by tier has one row for it. The key is the label in lower case; each
/// label's key is remembered, so counting an event of a tier seen before allocates nothing. Counters stored before
/// tiers were one may still be kept under a label with a capital beyond ASCII ("Élite": the upgrade that merged them
/// used SQLite's lower()), so whatever reads tier counter rows reads them under <see cref="CounterKey"/>.
/// </summary>
internal static class TierLabels
{
    /// <summary>Far more tiers than an account has: a client that makes up labels only fills it, and it starts again.</summary>
    private const int Capacity = 10_000;

    private static readonly ConcurrentDictionary<string, string> Keys = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The counter key of <paramref name="tier"/>. Through upper case first: labels equal ignoring case (as
    /// <see cref="StringComparer.OrdinalIgnoreCase"/> compares) get one key, whichever of them came first.
    /// </summary>
    public static string CounterKey(string tier)
    {
        if (Keys.TryGetValue(tier, out var key))
        {
            return key;
        }

        if (Keys.Count >= Capacity)
        {
            Keys.Clear();
        }

        return Keys.GetOrAdd(tier, static label => label.ToUpperInvariant().ToLowerInvariant());
    }
}
