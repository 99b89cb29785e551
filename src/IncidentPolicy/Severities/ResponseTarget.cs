using NodaTime;
using IncidentPolicy.Calendars;

namespace IncidentPolicy.Severities;

/// <summary>
/// How soon something must happen after the alert: a length of time on a <see cref="ResponseClock"/>.
/// </summary>
/// <remarks>Immutable and thread-safe; equal when the clock and length are equal.</remarks>
public sealed record ResponseTarget
{
    private ResponseTarget(ResponseClock clock, Duration? within, int? days = null)
    {
        Clock = clock;
        Within = within;
        Days = days;
    }

    /// <summary>A target the next business day: due at the close of the first working day after the alert's date.</summary>
    public static ResponseTarget NextBusinessDay { get; } = new(ResponseClock.NextBusinessDay, null);

    /// <summary>How the time is counted.</summary>
    public ResponseClock Clock { get; }

    /// <summary>The length of time; <see langword="null"/> exactly when <see cref="Clock"/> is
    /// <see cref="ResponseClock.NextBusinessDay"/> or <see cref="ResponseClock.BusinessDays"/>.</summary>
    public Duration? Within { get; }

    /// <summary>The number of business days; <see langword="null"/> unless <see cref="Clock"/> is
    /// <see cref="ResponseClock.BusinessDays"/>.</summary>
    public int? Days { get; }

    /// <summary>A target in elapsed time, such as 15 minutes.</summary>
    /// <param name="within">The time allowed; positive.</param>
    /// <returns>The target.</returns>
    /// <exception cref="PolicyValidationException"><paramref name="within"/> is zero or negative (path <c>within</c>).</exception>
    public static ResponseTarget WallClock(Duration within) => Create(ResponseClock.WallClock, within);

    /// <summary>A target in working time of the business calendar, such as 4 business hours.</summary>
    /// <param name="within">The working time allowed; positive.</param>
    /// <returns>The target.</returns>
    /// <exception cref="PolicyValidationException"><paramref name="within"/> is zero or negative (path <c>within</c>).</exception>
    public static ResponseTarget BusinessHours(Duration within) => Create(ResponseClock.BusinessHours, within);

    /// <summary>A target a number of business days after the alert's date: due at the close of the
    /// <paramref name="days"/>th working day strictly after it ("5 business days"). <c>BusinessDays(1)</c> falls due
    /// when <see cref="NextBusinessDay"/> does, but is written and described as one business day.</summary>
    /// <param name="days">How many working days, 1 to <see cref="Limits.MaxBusinessDays"/>.</param>
    /// <returns>The target.</returns>
    /// <exception cref="PolicyValidationException"><paramref name="days"/> is out of range (path <c>within</c>).</exception>
    public static ResponseTarget BusinessDays(int days)
    {
        var problems = new ProblemList();
        ValidateDays(days, problems, "within");
        problems.ThrowIfAny();
        return new ResponseTarget(ResponseClock.BusinessDays, null, days);
    }

    /// <summary>The instant the target falls due for something that started at <paramref name="start"/>.</summary>
    /// <param name="start">Usually the alert; within the supported range (<see cref="Limits"/>).</param>
    /// <param name="calendar">The business calendar for <see cref="ResponseClock.BusinessHours"/>,
    /// <see cref="ResponseClock.NextBusinessDay"/> and <see cref="ResponseClock.BusinessDays"/>.</param>
    /// <returns>The due instant; <see langword="null"/> (never) when it would fall after
    /// <see cref="Limits.LatestResult"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is outside the supported range.</exception>
    public Instant? DueAfter(Instant start, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        TimeMath.CheckInput(start, nameof(start));
        return DueFrom(start, calendar);
    }

    /// <summary><see cref="DueAfter"/> for a caller that has checked its arguments (a fold, at every severity).</summary>
    internal Instant? DueFrom(Instant start, BusinessCalendar calendar)
    {
        if (Clock == ResponseClock.WallClock)
        {
            return TimeMath.Plus(start, Within.GetValueOrDefault());
        }

        return Clock switch
        {
            ResponseClock.WallClock => TimeMath.Plus(start, Within!.Value),
            ResponseClock.BusinessHours => calendar.AddWorkingTime(start, Within!.Value),
            ResponseClock.BusinessDays => calendar.CloseOfBusinessDay(start, Days!.Value),
            _ => calendar.NextBusinessDayClose(start),
        };
    }

    /// <summary>Describes the target: <c>15 minutes</c>, <c>4 hours (business hours)</c>, <c>next business day</c>,
    /// <c>5 business days</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Clock switch
    {
        ResponseClock.WallClock => HumanText.Describe(Within!.Value),
        ResponseClock.BusinessHours => HumanText.Describe(Within!.Value) + " (business hours)",
        ResponseClock.BusinessDays => HumanText.Plural(Days!.Value, "business day"),
        _ => "next business day",
    };

    internal static ResponseTarget Create(ResponseClock clock, Duration? within)
    {
        var problems = new ProblemList();
        Validate(clock, within, problems, "");
        problems.ThrowIfAny();
        return clock switch
        {
            ResponseClock.NextBusinessDay => NextBusinessDay,
            ResponseClock.BusinessDays => new ResponseTarget(clock, null, within!.Value.Days),
            _ => new ResponseTarget(clock, within),
        };
    }

    private static void ValidateDays(int days, ProblemList problems, string path)
    {
        if (days is < 1 or > Limits.MaxBusinessDays)
        {
            problems.Add(path, $"{HumanText.Plural(days, "business day")} is out of range; allow 1 to {Limits.MaxBusinessDays}");
        }
    }

    internal static void Validate(ResponseClock clock, Duration? within, ProblemList problems, string path)
    {
        var withinPath = ProblemList.Join(path, "within");
        if (clock is < ResponseClock.WallClock or > ResponseClock.BusinessDays)
        {
            problems.Add(ProblemList.Join(path, "clock"), $"{(int)clock} is not a response clock");
        }
        else if (clock == ResponseClock.NextBusinessDay)
        {
            if (within is not null)
            {
                problems.Add(withinPath, "must be null when the clock is nextBusinessDay");
            }
        }
        else if (clock == ResponseClock.BusinessDays)
        {
            if (within is not { } length || length <= Duration.Zero || length != Duration.FromDays(length.Days))
            {
                problems.Add(withinPath, "the businessDays clock counts whole days: write P1D to P366D, such as P5D for 5 business days");
            }
            else
            {
                ValidateDays(length.Days, problems, withinPath);
            }
        }
        else
        {
            Durations.RequirePositive(within, problems, withinPath);
        }
    }
}
