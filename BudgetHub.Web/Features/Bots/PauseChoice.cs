using BudgetHub.Domain.Common;

namespace BudgetHub.Web.Features.Bots;

public enum PauseLength
{
    UntilResumed,
    OneHour,
    EndOfDay,
}

/// <summary>What a person chose in the pause dialog.</summary>
public sealed record PauseChoice(PauseLength Length, string? Reason)
{
    public DateTimeOffset? Until(DateTimeOffset now, TimeZoneInfo zone) => Length switch
    {
        PauseLength.OneHour => now.AddHours(1),
        PauseLength.EndOfDay => CalendarWindows.Containing(CalendarUnit.Day, now, zone).End,
        _ => null,
    };
}
