namespace BudgetHub.Web.Features.Budgets;

public enum DurationUnit
{
    Minutes,
    Hours,
    Days,
}

/// <summary>A duration as a person picks it: an amount and a unit ("30 minutes", "7 days").</summary>
public sealed class DurationPick
{
    public int? Amount { get; set; } = 1;

    public DurationUnit Unit { get; set; } = DurationUnit.Hours;

    /// <summary>Null when no amount is given, zero for an amount below 1; validation reports both.</summary>
    public TimeSpan? ToTimeSpan() => Amount switch
    {
        null => null,
        < 1 => TimeSpan.Zero,
        var amount => Unit switch
        {
            DurationUnit.Minutes => TimeSpan.FromMinutes(amount.Value),
            DurationUnit.Hours => TimeSpan.FromHours(amount.Value),
            _ => TimeSpan.FromDays(amount.Value),
        },
    };

    /// <summary>The largest whole unit: 90 minutes stays minutes, 48 hours becomes 2 days.</summary>
    public static DurationPick From(TimeSpan duration) => duration switch
    {
        { Ticks: > 0 } when duration.Ticks % TimeSpan.TicksPerDay == 0 => new() { Amount = (int)duration.TotalDays, Unit = DurationUnit.Days },
        { Ticks: > 0 } when duration.Ticks % TimeSpan.TicksPerHour == 0 => new() { Amount = (int)duration.TotalHours, Unit = DurationUnit.Hours },
        _ => new() { Amount = (int)Math.Max(1, duration.TotalMinutes), Unit = DurationUnit.Minutes },
    };
}
