using System.Globalization;
using NodaTime;

namespace IncidentPolicy.Calendars;

/// <summary>
/// The opening hours of one working day: working time is the half-open local interval
/// [<see cref="OpeningTime"/>, <see cref="ClosingTime"/>), where closing may be the end of the day (<c>24:00</c>).
/// </summary>
/// <remarks>
/// <para>Opening must be strictly before closing. Use <see cref="Between"/> for an ordinary day and
/// <see cref="UntilEndOfDay"/> for hours that run to midnight (written <c>24:00</c> in policy files).</para>
/// <para>When daylight-saving time skips or repeats part of the interval on a given date, the interval is
/// mapped to instants leniently: a skipped local time is shifted forward by the length of the gap, a
/// repeated one takes the earlier instant. The working time on such a day is the elapsed time between
/// those instants, so it may be an hour shorter or longer than on other days.</para>
/// <para>The <c>default</c> value is <c>00:00–24:00</c>, a whole day. This type is an immutable value
/// and thread-safe.</para>
/// </remarks>
public readonly record struct WorkingHours
{
    private WorkingHours(LocalTime opens, LocalTime closes, bool closesAtEndOfDay)
    {
        OpeningTime = opens;
        ClosingTime = closes;
        _closesBeforeEndOfDay = !closesAtEndOfDay;
    }

    // Stored inverted so that default(WorkingHours) is the whole day 00:00–24:00, a valid value.
    private readonly bool _closesBeforeEndOfDay;

    /// <summary>The local time working time starts, inclusive.</summary>
    public LocalTime OpeningTime { get; }

    /// <summary>The local time working time ends, exclusive; <see cref="LocalTime.Midnight"/> when
    /// <see cref="ClosesAtEndOfDay"/> is <see langword="true"/>.</summary>
    public LocalTime ClosingTime { get; }

    /// <summary>Whether working time runs to the end of the day (<c>24:00</c>), i.e. to the start of the next date.</summary>
    public bool ClosesAtEndOfDay => !_closesBeforeEndOfDay;

    /// <summary>Nominal length of the working day in local time, ignoring any DST transition on a particular date.</summary>
    public Duration NominalLength =>
        (ClosesAtEndOfDay ? Duration.FromDays(1) : Duration.FromNanoseconds(ClosingTime.NanosecondOfDay))
        - Duration.FromNanoseconds(OpeningTime.NanosecondOfDay);

    /// <summary>Hours from <paramref name="opens"/> to <paramref name="closes"/> on the same date.</summary>
    /// <param name="opens">Opening time, inclusive.</param>
    /// <param name="closes">Closing time, exclusive; must be later than <paramref name="opens"/>.
    /// To close at midnight use <see cref="UntilEndOfDay"/>.</param>
    /// <returns>The working hours.</returns>
    /// <exception cref="PolicyValidationException"><paramref name="opens"/> is not before <paramref name="closes"/>
    /// (path <c>closes</c>), or a time has a fraction of a second, which policy files cannot write (paths
    /// <c>opens</c>, <c>closes</c>).</exception>
    public static WorkingHours Between(LocalTime opens, LocalTime closes)
    {
        var problems = new ProblemList();
        StorableValues.CheckWholeSeconds(opens, problems, "opens");
        StorableValues.CheckWholeSeconds(closes, problems, "closes");
        if (opens >= closes)
        {
            problems.Add("closes", OpensNotBeforeClosesReason(opens, closes));
        }

        problems.ThrowIfAny();
        return new WorkingHours(opens, closes, closesAtEndOfDay: false);
    }

    /// <summary>Hours from <paramref name="opens"/> to the end of the day (<c>24:00</c>).</summary>
    /// <param name="opens">Opening time, inclusive; any time of day in whole seconds.</param>
    /// <returns>The working hours.</returns>
    /// <exception cref="PolicyValidationException"><paramref name="opens"/> has a fraction of a second, which policy
    /// files cannot write (path <c>opens</c>).</exception>
    public static WorkingHours UntilEndOfDay(LocalTime opens)
    {
        var problems = new ProblemList();
        StorableValues.CheckWholeSeconds(opens, problems, "opens");
        problems.ThrowIfAny();
        return new(opens, LocalTime.Midnight, closesAtEndOfDay: true);
    }

    /// <summary>Whether <paramref name="time"/> falls within these hours in local time, ignoring DST.</summary>
    /// <param name="time">A local time of day.</param>
    /// <returns><see langword="true"/> when <see cref="OpeningTime"/> ≤ <paramref name="time"/> and
    /// <paramref name="time"/> &lt; <see cref="ClosingTime"/> (or closing is the end of the day).</returns>
    public bool Contains(LocalTime time) => time >= OpeningTime && (ClosesAtEndOfDay || time < ClosingTime);

    /// <summary>Formats as <c>09:00–17:00</c>, with <c>24:00</c> for the end of the day.</summary>
    /// <returns>The hours as text.</returns>
    public override string ToString() => $"{Format(OpeningTime)}–{(ClosesAtEndOfDay ? "24:00" : Format(ClosingTime))}";

    internal static string OpensNotBeforeClosesReason(LocalTime opens, LocalTime closes) =>
        $"opening time {Format(opens)} must be before closing time {Format(closes)} (use 24:00 to close at the end of the day)";

    internal static string Format(LocalTime time) =>
        time.Second == 0 && time.NanosecondOfSecond == 0
            ? time.ToString("HH':'mm", CultureInfo.InvariantCulture)
            : time.ToString("HH':'mm':'ss.FFFFFFFFF", CultureInfo.InvariantCulture);
}
