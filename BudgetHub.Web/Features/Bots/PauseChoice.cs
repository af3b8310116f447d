using BudgetHub.Domain.Common;

namespace BudgetHub.Web.Features.Bots;

public enum PauseLength
{
    UntilResumed,
    OneHour,
    EndOfDay,
    For,
}

/// <summary>What a person chose in the pause dialog.</summary>
/// <param name="For">How long, for <see cref="PauseLength.For"/>.</param>
public sealed record PauseChoice(PauseLength Length, string? Reason, TimeSpan? For = null)
{
    /// <summary>The longest pause picked as a length; longer, "until someone resumes it" says it better.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    public DateTimeOffset? Until(DateTimeOffset now, TimeZoneInfo zone) => Length switch
    {
        PauseLength.OneHour => now.AddHours(1),
        PauseLength.For when For is { } length => now + length,
        PauseLength.EndOfDay => CalendarWindows.Containing(CalendarUnit.Day, now, zone).End,
        _ => null,
    };
}
