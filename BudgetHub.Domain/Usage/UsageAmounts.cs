namespace BudgetHub.Domain.Usage;

/// <summary>The six metrics of one event, or of a counter; cost in micro-USD.</summary>
public readonly record struct UsageAmounts(long Tokens, long Messages, long Conversations, long CostMicros, long Calls, long Errors)
{
    public static UsageAmounts Zero => default;

    public long Get(Metric metric) => metric switch
    {
        Metric.Tokens => Tokens,
        Metric.Messages => Messages,
        Metric.Conversations => Conversations,
        Metric.Cost => CostMicros,
        Metric.Calls => Calls,
        Metric.Errors => Errors,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    public bool IsZero => this == Zero;

    public static UsageAmounts operator +(UsageAmounts a, UsageAmounts b) => new(
        a.Tokens + b.Tokens, a.Messages + b.Messages, a.Conversations + b.Conversations,
        a.CostMicros + b.CostMicros, a.Calls + b.Calls, a.Errors + b.Errors);

    public static UsageAmounts operator -(UsageAmounts a, UsageAmounts b) => new(
        a.Tokens - b.Tokens, a.Messages - b.Messages, a.Conversations - b.Conversations,
        a.CostMicros - b.CostMicros, a.Calls - b.Calls, a.Errors - b.Errors);

    public UsageAmounts Add(UsageAmounts other) => this + other;

    public UsageAmounts Subtract(UsageAmounts other) => this - other;
}
