using NodaTime;

namespace IncidentPolicy.OnCall;

/// <summary>
/// How long each shift of a rotation lasts, and in which time: <see cref="WallClock"/> (a <see cref="Period"/>;
/// handoffs stay at the same local time across daylight-saving changes) or <see cref="Elapsed"/> (a
/// <see cref="Duration"/>; every shift equally long).
/// </summary>
/// <remarks>
/// <para>A wall-clock length is weeks, days, hours and minutes (<c>P1W</c>, <c>P1D</c>, <c>PT12H</c>,
/// <c>PT30M</c>), or calendar months alone (<c>P1M</c> to <c>P12M</c>, or <c>P1Y</c>), which hand off on the same day
/// of the month or the same weekday of the month (<see cref="Anchor"/>). An elapsed length is a duration. Both are at
/// least one minute, whole minutes, and at most 366 days (12 months).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record ShiftLength
{
    private static readonly Duration MaxLength = Duration.FromDays(366);

    private ShiftLength(ShiftClock clock, Period? period, Duration length, int months = 0, MonthlyAnchor anchor = MonthlyAnchor.DayOfMonth)
    {
        Clock = clock;
        Period = period;
        Length = length;
        Months = months;
        Anchor = anchor;
    }

    /// <summary>Which time the length is measured in.</summary>
    public ShiftClock Clock { get; }

    /// <summary>The wall-clock length, for <see cref="ShiftClock.WallClock"/>, normalized (<c>P1W</c> is kept as seven days,
    /// <c>PT36H</c> as one day and 12 hours); <see langword="null"/> for elapsed lengths.</summary>
    public Period? Period { get; }

    /// <summary>The length as a duration: the elapsed length, or for a wall-clock length its nominal length
    /// (days of 24 hours), which is also its length in local time; for a monthly length, 30 days per month.</summary>
    public Duration Length { get; }

    /// <summary>For a monthly length, the number of calendar months per shift (1 to 12); 0 otherwise.</summary>
    public int Months { get; }

    /// <summary>For a monthly length, where in the month it hands off; <see cref="MonthlyAnchor.DayOfMonth"/> otherwise.</summary>
    public MonthlyAnchor Anchor { get; }

    /// <summary>A wall-clock shift length: handoffs stay at the same local time across daylight-saving changes.</summary>
    /// <param name="period">Weeks, days, hours and minutes, at least one minute, at most 366 days, such as
    /// <c>Period.FromWeeks(1)</c>; or months (and years) alone, at most 12 months, such as <c>Period.FromMonths(1)</c>,
    /// which hands off on the start's day of the month.</param>
    /// <returns>The shift length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> is null.</exception>
    /// <exception cref="PolicyValidationException">The period mixes months with days or times, has seconds or negative
    /// parts, or is out of range.</exception>
    public static ShiftLength WallClock(Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var problems = new ProblemList();
        var length = ValidateWallClock(period, problems, "");
        problems.ThrowIfAny();
        var months = MonthsOf(period);
        return months > 0
            ? new ShiftLength(ShiftClock.WallClock, Period.FromMonths(months), Duration.FromDays(30 * months), months)
            : new ShiftLength(ShiftClock.WallClock, period.Normalize(), length);
    }

    /// <summary>A wall-clock length in calendar months: handoff <c>k</c> is <c>k × months</c> after the start's month,
    /// on the day <paramref name="anchor"/> says, at the start's local time.</summary>
    /// <param name="months">Months per shift, 1 to 12.</param>
    /// <param name="anchor">The same day of the month (clamped to the month's last day) or the same weekday of the month.</param>
    /// <returns>The shift length.</returns>
    /// <exception cref="PolicyValidationException"><paramref name="months"/> is out of range, or the anchor is not defined.</exception>
    public static ShiftLength Monthly(int months, MonthlyAnchor anchor = MonthlyAnchor.DayOfMonth)
    {
        var problems = new ProblemList();
        if (months is < 1 or > 12)
        {
            problems.Add("months", "a monthly shift is 1 to 12 months long");
        }

        if (!Enum.IsDefined(anchor))
        {
            problems.Add("anchor", $"{(int)anchor} is not a monthly anchor");
        }

        problems.ThrowIfAny();
        return new ShiftLength(ShiftClock.WallClock, Period.FromMonths(months), Duration.FromDays(30 * months), months, anchor);
    }

    /// <summary>An elapsed shift length: every shift lasts exactly <paramref name="duration"/>.</summary>
    /// <param name="duration">Whole minutes, at least one minute, at most 366 days.</param>
    /// <returns>The shift length.</returns>
    /// <exception cref="PolicyValidationException">The duration is out of range or not whole minutes.</exception>
    public static ShiftLength Elapsed(Duration duration)
    {
        var problems = new ProblemList();
        ValidateElapsed(duration, problems, "");
        problems.ThrowIfAny();
        return new ShiftLength(ShiftClock.Elapsed, null, duration);
    }

    /// <summary>The length as policy files write it: <c>P1W (wall clock)</c>, <c>PT12H (elapsed)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        Clock == ShiftClock.WallClock
            ? $"{IsoText.FormatPeriod(Period!)} (wall clock{(Months > 0 && Anchor == MonthlyAnchor.WeekdayOfMonth ? ", same weekday of the month" : "")})"
            : $"{IsoText.FormatDuration(Length)} (elapsed)";

    /// <summary>The months of a period of months and years alone; 0 for any other period.</summary>
    internal static int MonthsOf(Period period) =>
        (period.Years != 0 || period.Months != 0) && period.Weeks == 0 && period.Days == 0 && !period.HasTimeComponent
            ? (period.Years * 12) + period.Months
            : 0;

    internal static Duration ValidateWallClock(Period period, ProblemList problems, string path)
    {
        if (period.Years != 0 || period.Months != 0)
        {
            var months = MonthsOf(period);
            if (months <= 0 || period.Years < 0 || period.Months < 0)
            {
                problems.Add(path, "a monthly shift is whole calendar months alone (P1M, P3M); months cannot be mixed with weeks, days or times, which are not a fixed part of a month");
            }
            else if (months > 12)
            {
                problems.Add(path, "a shift must not be longer than 12 months (366 days)");
            }

            return Duration.FromDays(30 * Math.Max(months, 0));
        }

        if (period.Weeks < 0 || period.Days < 0 || period.Hours < 0 || period.Minutes < 0 || period.Seconds < 0
            || period.Milliseconds < 0 || period.Ticks < 0 || period.Nanoseconds < 0)
        {
            problems.Add(path, "a shift length must not have negative parts");
            return Duration.Zero;
        }

        if (period.Seconds != 0 || period.Milliseconds != 0 || period.Ticks != 0 || period.Nanoseconds != 0)
        {
            problems.Add(path, "a shift length must be whole minutes");
            return Duration.Zero;
        }

        var length = period.ToDuration();
        if (length < Duration.FromMinutes(1))
        {
            problems.Add(path, "a wall-clock shift must be at least one minute (PT1M)");
        }
        else if (length > MaxLength)
        {
            problems.Add(path, "a shift must not be longer than 366 days");
        }

        return length;
    }

    internal static void ValidateElapsed(Duration duration, ProblemList problems, string path)
    {
        if (duration < Duration.FromMinutes(1))
        {
            problems.Add(path, "an elapsed shift must be at least one minute (PT1M)");
        }
        else if (duration > MaxLength)
        {
            problems.Add(path, "a shift must not be longer than 366 days");
        }
        else if (duration.SubsecondNanoseconds != 0 || duration.Seconds != 0)
        {
            problems.Add(path, "a shift length must be whole minutes");
        }
    }
}
