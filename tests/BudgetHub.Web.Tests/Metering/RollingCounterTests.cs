using BudgetHub.Domain.Common;
using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Metering;

namespace BudgetHub.Web.Tests.Metering;

public sealed class RollingCounterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly UsageAmounts OneCall = new(0, 0, 0, 0, 1, 0);

    private static RollingCounter Counter(int minutes) => new((WindowSpec.Rolling)WindowSpec.RollingFor(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void TheTotal_IsTheSumOfTheMinutesInsideTheWindow_WhateverOrderTheyCameIn()
    {
        var counter = Counter(10);
        var added = new List<(long Minute, long Tokens)>();
        // (the event's minute, the minute it arrives in): late ones land in their own minute while it is inside the window.
        var events = new[] { (0, 0), (1, 1), (12, 12), (5, 12), (4, 13), (13, 15), (14, 16), (20, 20), (11, 21), (30, 30) };
        for (var i = 0; i < events.Length; i++)
        {
            var now = Start.AddMinutes(events[i].Item2);
            var minute = Start.AddMinutes(events[i].Item1).ToUnixTimeSeconds();
            counter.Add(minute, new UsageAmounts(i + 1, 0, 0, 0, 1, 0), now);
            if (minute >= FirstMinute(now))
            {
                added.Add((minute, i + 1));
            }

            Assert.Equal(added.Where(a => a.Minute >= FirstMinute(now)).Sum(a => a.Tokens), counter.ValueAt(now).Tokens);
        }

        Assert.Equal(0, counter.ValueAt(Start.AddHours(1)).Tokens);
    }

    [Fact]
    public void ALastMinuteWindow_CountsTheEventsOfTheSecondsBeforeTheMinuteTurned()
    {
        var counter = Counter(1);
        var before = Start.AddSeconds(58);
        var after = Start.AddMinutes(1).AddSeconds(1);
        counter.Add(MinuteOf(before), OneCall + OneCall, before);
        counter.Add(MinuteOf(after), OneCall, after);

        Assert.Equal(3, counter.ValueAt(after).Calls);
    }

    [Fact]
    public void OverTheLimit_ItDropsBelow_WhenItsOldestCountedMinuteLeavesTheWindow()
    {
        var counter = Counter(1);
        var first = Start.AddSeconds(21);
        var second = Start.AddSeconds(41);
        counter.Add(MinuteOf(first), OneCall, first);
        counter.Add(MinuteOf(second), OneCall, second);

        var dropsAt = counter.DropsBelowAt(Metric.Calls, 2, second);

        Assert.Equal(Start.AddMinutes(2), dropsAt);
        Assert.Equal(2, counter.ValueAt(Start.AddMinutes(2).AddTicks(-1)).Calls);
        Assert.Equal(0, counter.ValueAt(Start.AddMinutes(2)).Calls);
    }

    [Fact]
    public void ReadingIt_AsMinutesLeaveTheWindow_AllocatesNothing()
    {
        var counter = Counter(60);
        for (var minute = 0; minute < 60; minute++)
        {
            var at = Start.AddMinutes(minute);
            counter.Add(MinuteOf(at), OneCall, at);
        }

        Assert.Equal(59, counter.ValueAt(Start.AddMinutes(61)).Calls);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var minute = 62; minute <= 110; minute++)
        {
            counter.ValueAt(Start.AddMinutes(minute));
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(10, counter.ValueAt(Start.AddMinutes(110)).Calls);
    }

    private static long MinuteOf(DateTimeOffset at) => MinuteBuckets.StartOf(at).ToUnixTimeSeconds();

    /// <summary>The minute that contains now − 10 minutes.</summary>
    private static long FirstMinute(DateTimeOffset now) => (now.ToUnixTimeSeconds() / 60 * 60) - 600;
}
