using BudgetHub.Domain.Usage;
using BudgetHub.Infrastructure.Metering;

namespace BudgetHub.Web.Tests.Metering;

public sealed class RollingCounterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheTotal_IsTheSumOfTheMinutesInsideTheWindow_WhateverOrderTheyCameIn()
    {
        var counter = new RollingCounter(TimeSpan.FromMinutes(10));
        var added = new List<(long Minute, long Tokens)>();
        // (the event's minute, the minute it arrives in): late ones land in their own minute while it is inside the window.
        var events = new[] { (0, 0), (1, 1), (12, 12), (5, 12), (4, 13), (13, 15), (14, 16), (20, 20), (11, 21), (30, 30) };
        for (var i = 0; i < events.Length; i++)
        {
            var now = Start.AddMinutes(events[i].Item2);
            var minute = Start.AddMinutes(events[i].Item1).ToUnixTimeSeconds();
            counter.Add(minute, new UsageAmounts(i + 1, 0, 0, 0, 1, 0), now);
            if (minute >= WindowStart(now))
            {
                added.Add((minute, i + 1));
            }

            Assert.Equal(added.Where(a => a.Minute >= WindowStart(now)).Sum(a => a.Tokens), counter.ValueAt(now).Tokens);
        }

        Assert.Equal(0, counter.ValueAt(Start.AddHours(1)).Tokens);
    }

    private static long WindowStart(DateTimeOffset now) => (now.ToUnixTimeSeconds() / 60 * 60) + 60 - 600;
}
