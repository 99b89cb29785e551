using NodaTime;
using IncidentPolicy.Calendars;

namespace IncidentPolicy.Severities;

/// <summary>
/// How soon something must happen after the alert: a length of time on a <see cref="ResponseClock"/>.
/// </summary>
/// <remarks>Immutable and thread-safe; equal when the clock and length are equal.</remarks>
public sealed record ResponseTarget
{
    private ResponseTarget(ResponseClock clock, Duration? within)
    {
        Clock = clock;
        Within = within;
    }

    /// <summary>A target the next business day: due at the close of the first working day after the alert's date.</summary>
    public static ResponseTarget NextBusinessDay { get; } = new(ResponseClock.NextBusinessDay, null);

    /// <summary>How the time is counted.</summary>
    public ResponseClock Clock { get; }

    /// <summary>The length of time; <see langword="null"/> exactly when <see cref="Clock"/> is
    /// <see cref="ResponseClock.NextBusinessDay"/>.</summary>
    public Duration? Within { get; }

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

    /// <summary>The instant the target falls due for something that started at <paramref name="start"/>.</summary>
    /// <param name="start">Usually the alert; within the supported range (<see cref="Limits"/>).</param>
    /// <param name="calendar">The business calendar for <see cref="ResponseClock.BusinessHours"/> and
    /// <see cref="ResponseClock.NextBusinessDay"/>.</param>
    /// <returns>The due instant; <see langword="null"/> (never) when it would fall after
    /// <see cref="Limits.LatestResult"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is outside the supported range.</exception>
    public Instant? DueAfter(Instant start, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        TimeMath.CheckInput(start, nameof(start));
        return Clock switch
        {
            ResponseClock.WallClock => TimeMath.Plus(start, Within!.Value),
            ResponseClock.BusinessHours => calendar.AddWorkingTime(start, Within!.Value),
            _ => calendar.NextBusinessDayClose(start),
        };
    }

    /// <summary>Describes the target: <c>15 minutes</c>, <c>4 hours (business hours)</c>, <c>next business day</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Clock switch
    {
        ResponseClock.WallClock => HumanText.Describe(Within!.Value),
        ResponseClock.BusinessHours => HumanText.Describe(Within!.Value) + " (business hours)",
        _ => "next business day",
    };

    internal static ResponseTarget Create(ResponseClock clock, Duration? within)
    {
        var problems = new ProblemList();
        Validate(clock, within, problems, "");
        problems.ThrowIfAny();
        return clock == ResponseClock.NextBusinessDay ? NextBusinessDay : new ResponseTarget(clock, within);
    }

    internal static void Validate(ResponseClock clock, Duration? within, ProblemList problems, string path)
    {
        var withinPath = ProblemList.Join(path, "within");
        if (clock is < ResponseClock.WallClock or > ResponseClock.NextBusinessDay)
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
        else
        {
            Durations.RequirePositive(within, problems, withinPath);
        }
    }
}
