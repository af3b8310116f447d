using BudgetHub.Domain.Common;

namespace BudgetHub.Domain.Tests.Common;

/// <summary>
/// A rolling window counts minute buckets: at instant t, those from the one containing t − duration to
/// the current one, so it always covers the true window (t − duration, t] and at most a minute more.
/// </summary>
public sealed class RollingWindowTests
{
    private static readonly DateTimeOffset At1632 = new(2026, 11, 23, 16, 32, 0, TimeSpan.Zero);

    private static WindowSpec.Rolling Minutes(int minutes) => (WindowSpec.Rolling)WindowSpec.RollingFor(TimeSpan.FromMinutes(minutes));

    [Fact]
    public void At_OneSecondIntoAMinute_ALastMinuteWindowCountsThePreviousMinuteToo()
    {
        var window = Minutes(1).At(At1632.AddMinutes(1).AddSeconds(1), TimeZoneInfo.Utc);

        Assert.Equal(At1632, window.Start);
        Assert.Equal(At1632.AddMinutes(2), window.End);
    }

    [Fact]
    public void At_FortyTwoSecondsIntoAMinute_ALastHalfHourWindowStartsInTheMinuteHalfAnHourAgo()
    {
        var window = Minutes(30).At(At1632.AddSeconds(42), TimeZoneInfo.Utc);

        Assert.Equal(At1632.AddMinutes(-30), window.Start);
        Assert.Equal(At1632.AddMinutes(1), window.End);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(60)]
    [InlineData(60 * 24 * 7)]
    public void At_AnyInstant_CoversTheWholeTrueWindow_AndAtMostOneMinuteBeforeIt(int minutes)
    {
        var rolling = Minutes(minutes);
        for (var seconds = 0; seconds < 120; seconds++)
        {
            var now = At1632.AddSeconds(seconds).AddMilliseconds(seconds % 3 == 0 ? 0 : 250);
            var window = rolling.At(now, TimeZoneInfo.Utc);
            var trueStart = now - rolling.Duration;

            Assert.True(window.Start <= trueStart, $"{now:HH:mm:ss.fff}: starts at {window.Start:HH:mm:ss}, after {trueStart:HH:mm:ss.fff}");
            Assert.True(trueStart - window.Start < MinuteBuckets.Length, $"{now:HH:mm:ss.fff}: starts a minute or more early");
            Assert.True(window.Contains(now));
            Assert.Equal(rolling.FirstMinuteAt(now), window.Start);
        }
    }

    [Fact]
    public void LeavesAt_IsTheFirstInstantWhoseWindowNoLongerCountsTheMinute()
    {
        var rolling = Minutes(1);
        var minute = At1632.AddMinutes(-3); // 16:29

        var leaves = rolling.LeavesAt(minute);

        Assert.Equal(At1632.AddMinutes(-1), leaves); // 16:31, not 16:30: at 16:30:59 the last minute still reaches into 16:29
        Assert.Equal(minute, rolling.FirstMinuteAt(leaves - TimeSpan.FromTicks(1)));
        Assert.True(rolling.FirstMinuteAt(leaves) > minute);
    }

    [Fact]
    public void RollingFor_LessThanAMinute_IsRefused()
    {
        Assert.Throws<DomainException>(() => WindowSpec.RollingFor(TimeSpan.FromSeconds(30)));
    }
}
