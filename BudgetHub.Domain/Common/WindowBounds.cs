namespace BudgetHub.Domain.Common;

/// <summary>A half-open interval of time [Start, End), in UTC.</summary>
public readonly record struct WindowBounds(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public TimeSpan Length => End - Start;
}
