using BudgetHub.Infrastructure.Persistence;

namespace BudgetHub.Infrastructure.Usage;

/// <summary>
/// A model's price from a date on: micro-USD per million tokens. Built-in prices ship with the
/// app (AccountId 0, never stored); an account's own rows override them from their date.
/// </summary>
public sealed class ModelPrice : IAccountOwned
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string Provider { get; set; } = "";
    public string Model { get; set; } = "";
    public long InputMicrosPerMTok { get; set; }
    public long CachedInputMicrosPerMTok { get; set; }
    public long OutputMicrosPerMTok { get; set; }
    public DateTime EffectiveFrom { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    /// <summary>The event's cost in micro-USD: uncached input, cached input and output at their prices.</summary>
    public long CostMicros(long inputTokens, long cachedInputTokens, long outputTokens)
    {
        var cached = Math.Min(cachedInputTokens, inputTokens);
        var micros = ((decimal)(inputTokens - cached) * InputMicrosPerMTok
            + (decimal)cached * CachedInputMicrosPerMTok
            + (decimal)outputTokens * OutputMicrosPerMTok) / 1_000_000m;
        return (long)Math.Round(micros, MidpointRounding.AwayFromZero);
    }
}
