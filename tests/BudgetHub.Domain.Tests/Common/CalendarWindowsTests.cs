using BudgetHub.Domain.Common;

namespace BudgetHub.Domain.Tests.Common;

public sealed class CalendarWindowsTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    private static DateTimeOffset Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Fact]
    public void Day_InUtc_StartsAtMidnightAndLasts24Hours()
    {
        var day = CalendarWindows.Containing(CalendarUnit.Day, Utc(2026, 11, 23, 10, 15), TimeZoneInfo.Utc);

        Assert.Equal(Utc(2026, 11, 23), day.Start);
        Assert.Equal(Utc(2026, 11, 24), day.End);
    }

    [Fact]
    public void Day_OnSpringForwardInNewYork_Lasts23Hours()
    {
        var day = CalendarWindows.Containing(CalendarUnit.Day, Utc(2026, 3, 8, 15), NewYork);

        Assert.Equal(Utc(2026, 3, 8, 5), day.Start);
        Assert.Equal(Utc(2026, 3, 9, 4), day.End);
        Assert.Equal(TimeSpan.FromHours(23), day.Length);
    }

    [Fact]
    public void Day_OnFallBackInNewYork_Lasts25Hours()
    {
        var day = CalendarWindows.Containing(CalendarUnit.Day, Utc(2026, 11, 1, 15), NewYork);

        Assert.Equal(Utc(2026, 11, 1, 4), day.Start);
        Assert.Equal(Utc(2026, 11, 2, 5), day.End);
        Assert.Equal(TimeSpan.FromHours(25), day.Length);
    }

    [Fact]
    public void Hour_InTheRepeatedFallBackHour_IsTwoSeparateWindows()
    {
        var first = CalendarWindows.Containing(CalendarUnit.Hour, Utc(2026, 11, 1, 5, 30), NewYork);
        var second = CalendarWindows.Containing(CalendarUnit.Hour, Utc(2026, 11, 1, 6, 30), NewYork);

        Assert.Equal(Utc(2026, 11, 1, 5), first.Start);
        Assert.Equal(Utc(2026, 11, 1, 6), first.End);
        Assert.Equal(Utc(2026, 11, 1, 6), second.Start);
        Assert.Equal(Utc(2026, 11, 1, 7), second.End);
    }

    [Fact]
    public void Day_InAHalfHourZone_StartsAtLocalMidnight()
    {
        var day = CalendarWindows.Containing(CalendarUnit.Day, Utc(2026, 11, 23, 20), Kolkata);

        Assert.Equal(Utc(2026, 11, 23, 18, 30), day.Start);
        Assert.Equal(Utc(2026, 11, 24, 18, 30), day.End);
    }

    [Fact]
    public void Hour_InAHalfHourZone_StartsAtHalfPastInUtc()
    {
        var hour = CalendarWindows.Containing(CalendarUnit.Hour, Utc(2026, 11, 23, 10, 45), Kolkata);

        Assert.Equal(Utc(2026, 11, 23, 10, 30), hour.Start);
        Assert.Equal(Utc(2026, 11, 23, 11, 30), hour.End);
    }

    [Theory]
    [InlineData(2026, 11, 23)] // Monday
    [InlineData(2026, 11, 26)] // Thursday
    [InlineData(2026, 11, 29)] // Sunday
    public void Week_StartsOnMonday(int year, int month, int dayOfMonth)
    {
        var week = CalendarWindows.Containing(CalendarUnit.Week, Utc(year, month, dayOfMonth, 12), TimeZoneInfo.Utc);

        Assert.Equal(Utc(2026, 11, 23), week.Start);
        Assert.Equal(Utc(2026, 11, 30), week.End);
    }

    [Fact]
    public void Month_InALeapYear_IncludesFebruary29()
    {
        var february = CalendarWindows.Containing(CalendarUnit.Month, Utc(2028, 2, 29, 23, 59), TimeZoneInfo.Utc);

        Assert.Equal(Utc(2028, 2, 1), february.Start);
        Assert.Equal(Utc(2028, 3, 1), february.End);
        Assert.Equal(TimeSpan.FromDays(29), february.Length);
    }

    [Fact]
    public void Month_InNewYork_FollowsLocalMidnights()
    {
        var november = CalendarWindows.Containing(CalendarUnit.Month, Utc(2026, 11, 15), NewYork);

        Assert.Equal(Utc(2026, 11, 1, 4), november.Start);
        Assert.Equal(Utc(2026, 12, 1, 5), november.End);
    }

    [Fact]
    public void Containing_AtTheEndInstant_IsTheNextWindow()
    {
        var day = CalendarWindows.Containing(CalendarUnit.Day, Utc(2026, 11, 24), TimeZoneInfo.Utc);

        Assert.Equal(Utc(2026, 11, 24), day.Start);
    }

    [Fact]
    public void Between_ListsEveryWindowThatOverlapsTheRange()
    {
        var days = CalendarWindows.Between(CalendarUnit.Day, Utc(2026, 11, 20, 12), Utc(2026, 11, 23, 1), TimeZoneInfo.Utc).ToList();

        Assert.Equal([Utc(2026, 11, 20), Utc(2026, 11, 21), Utc(2026, 11, 22), Utc(2026, 11, 23)], days.Select(d => d.Start));
    }
}
