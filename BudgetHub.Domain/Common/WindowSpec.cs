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

    /// <summary>The window a stored <see cref="Label"/> names; null for a label that names none.</summary>
    public static WindowSpec? FromLabel(string label) => label switch
    {
        _ when Enum.TryParse<CalendarUnit>(label, ignoreCase: true, out var unit) && Enum.IsDefined(unit) && !char.IsDigit(label[0]) => Calendar(unit),
        _ when IsoDuration.TryParse(label, out var duration) && duration >= MinimumRollingDuration && duration.Ticks % TimeSpan.TicksPerMinute == 0 => new Rolling(duration),
        _ => null,
    };

    /// <summary>The interval counted at <paramref name="now"/>.</summary>
    public abstract WindowBounds At(DateTimeOffset now, TimeZoneInfo zone);

    /// <summary>A short label: <c>hour</c>, <c>day</c>, <c>week</c>, <c>month</c> or an ISO duration such as <c>PT30M</c>.</summary>
    public abstract string Label { get; }

    /// <summary>The window in a sentence: "today", "this month", "in the last 90 min".</summary>
    public abstract string Phrase { get; }

    /// <summary>"1 day", "3 hours", "90 min".</summary>
    public static string Describe(TimeSpan duration) => duration switch
    {
        { TotalDays: >= 1 } when duration.TotalDays % 1 == 0 => $"{duration.TotalDays:0} day{(duration.TotalDays == 1 ? "" : "s")}",
        { TotalHours: >= 1 } when duration.TotalHours % 1 == 0 => $"{duration.TotalHours:0} hour{(duration.TotalHours == 1 ? "" : "s")}",
        _ => $"{duration.TotalMinutes:0} min",
    };

    public sealed record Fixed(CalendarUnit Unit) : WindowSpec
    {
        public override WindowBounds At(DateTimeOffset now, TimeZoneInfo zone) => CalendarWindows.Containing(Unit, now, zone);

        public override string Label => Unit.ToString().ToLowerInvariant();

        public override string Phrase => Unit == CalendarUnit.Day ? "today" : "this " + Label;
    }

    /// <summary>
    /// The last <see cref="Duration"/>, counted in UTC minute buckets: at instant t, every bucket from the
    /// one that contains t − Duration to the current one. That covers all of (t − Duration, t] and at most
    /// one minute before it, so the count may be over by up to one minute's usage, never under: a limit
    /// is never overshot unseen.
    /// </summary>
    public sealed record Rolling(TimeSpan Duration) : WindowSpec
    {
        public override WindowBounds At(DateTimeOffset now, TimeZoneInfo zone) =>
            new(FirstMinuteAt(now), MinuteBuckets.StartOf(now) + MinuteBuckets.Length);

        /// <summary>The oldest minute bucket counted at <paramref name="now"/>: the one that contains now − Duration.</summary>
        public DateTimeOffset FirstMinuteAt(DateTimeOffset now) => MinuteBuckets.StartOf(now - Duration);

        /// <summary>
        /// When the minute bucket that starts at <paramref name="minuteStart"/> stops being counted: once
        /// now − Duration has left it. Until then all of its usage counts, however old part of it is.
        /// </summary>
        public DateTimeOffset LeavesAt(DateTimeOffset minuteStart) => minuteStart + MinuteBuckets.Length + Duration;

        public override string Label => IsoDuration.Format(Duration);

        public override string Phrase => "in the last " + Duration.TotalMinutes switch
        {
            1 => "minute",
            60 => "hour",
            1440 => "day",
            _ => Describe(Duration),
        };
    }
}
