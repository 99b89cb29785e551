using NodaTime;

namespace IncidentPolicy.OnCall;

/// <summary>
/// How long each shift of a rotation lasts, and in which time: <see cref="WallClock"/> (a <see cref="Period"/>;
/// handoffs stay at the same local time across daylight-saving changes) or <see cref="Elapsed"/> (a
/// <see cref="Duration"/>; every shift equally long).
/// </summary>
/// <remarks>
/// <para>A wall-clock length is weeks, days, hours and minutes (<c>P1W</c>, <c>P1D</c>, <c>PT12H</c>); months and
/// years are rejected because they are not a fixed length even on the wall clock. It is at least one hour, so
/// handoffs stay in order across a daylight-saving gap. An elapsed length is at least one minute. Both are whole
/// minutes and at most 366 days.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record ShiftLength
{
    private static readonly Duration MaxLength = Duration.FromDays(366);

    private ShiftLength(ShiftClock clock, Period? period, Duration length)
    {
        Clock = clock;
        Period = period;
        Length = length;
    }

    /// <summary>Which time the length is measured in.</summary>
    public ShiftClock Clock { get; }

    /// <summary>The wall-clock length, for <see cref="ShiftClock.WallClock"/>, normalized (<c>P1W</c> is kept as seven days,
    /// <c>PT36H</c> as one day and 12 hours); <see langword="null"/> for elapsed lengths.</summary>
    public Period? Period { get; }

    /// <summary>The length as a duration: the elapsed length, or for a wall-clock length its nominal length
    /// (days of 24 hours), which is also its length in local time.</summary>
    public Duration Length { get; }

    /// <summary>A wall-clock shift length: handoffs stay at the same local time across daylight-saving changes.</summary>
    /// <param name="period">Weeks, days, hours and minutes, at least one hour, at most 366 days, such as <c>Period.FromWeeks(1)</c>.</param>
    /// <returns>The shift length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> is null.</exception>
    /// <exception cref="PolicyValidationException">The period has months, years, seconds or negative parts, or is out of range.</exception>
    public static ShiftLength WallClock(Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var problems = new ProblemList();
        var length = ValidateWallClock(period, problems, "");
        problems.ThrowIfAny();
        return new ShiftLength(ShiftClock.WallClock, period.Normalize(), length);
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
            ? $"{IsoText.FormatPeriod(Period!)} (wall clock)"
            : $"{IsoText.FormatDuration(Length)} (elapsed)";

    internal static Duration ValidateWallClock(Period period, ProblemList problems, string path)
    {
        if (period.Years != 0 || period.Months != 0)
        {
            problems.Add(path, "months and years are not a fixed length of time, even on the wall clock; write weeks, days, hours or minutes (P4W, P1D, PT12H)");
            return Duration.Zero;
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
        if (length < Duration.FromHours(1))
        {
            problems.Add(path, "a wall-clock shift must be at least one hour (PT1H), so handoffs stay in order across a daylight-saving gap");
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
