namespace BudgetHub.Domain.Common;

/// <summary>The window a policy counts in: a calendar unit in the account's time zone, or a rolling duration.</summary>
public abstract record WindowSpec
{
    public static readonly TimeSpan MinimumRollingDuration = TimeSpan.FromMinutes(1);

    public static WindowSpec Calendar(CalendarUnit unit) => new Fixed(unit);

    public static WindowSpec RollingFor(TimeSpan duration) =>
        duration >= MinimumRollingDuration && duration.Ticks % TimeSpan.TicksPerMinute == 0
            ? new Rolling(duration)
            : throw new DomainException("A rolling window lasts a whole number of minutes, at least one.");

    /// <summary>The interval counted at <paramref name="now"/>.</summary>
    public abstract WindowBounds At(DateTimeOffset now, TimeZoneInfo zone);

    /// <summary>A short label: <c>hour</c>, <c>day</c>, <c>week</c>, <c>month</c> or an ISO duration such as <c>PT30M</c>.</summary>
    public abstract string Label { get; }

    public sealed record Fixed(CalendarUnit Unit) : WindowSpec
    {
        public override WindowBounds At(DateTimeOffset now, TimeZoneInfo zone) => CalendarWindows.Containing(Unit, now, zone);

        public override string Label => Unit.ToString().ToLowerInvariant();
    }

    /// <summary>The last <see cref="Duration"/>, counted in whole minutes (the current minute included).</summary>
    public sealed record Rolling(TimeSpan Duration) : WindowSpec
    {
        public override WindowBounds At(DateTimeOffset now, TimeZoneInfo zone)
        {
            var endMinute = MinuteBuckets.StartOf(now).AddMinutes(1);
            return new WindowBounds(endMinute - Duration, endMinute);
        }

        public override string Label => IsoDuration.Format(Duration);
    }
}
