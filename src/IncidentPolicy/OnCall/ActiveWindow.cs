using IncidentPolicy.Calendars;
using NodaTime;

namespace IncidentPolicy.OnCall;

/// <summary>
/// When a rotation is active: on the given days of the week, from a local time to a local time. A rotation with
/// active windows has someone on call only inside them, and it advances only over shifts that touch one, so a
/// weekday-only daily rotation gives every member a turn.
/// </summary>
/// <remarks>
/// <para>A window starts at <see cref="From"/> on each of <see cref="Days"/>. It ends at <see cref="To"/> the same
/// day when <see cref="To"/> is later, otherwise at <see cref="To"/> the next day: <c>18:00–09:00</c> is a night,
/// <c>09:00–00:00</c> runs to midnight, and <c>09:00–09:00</c> lasts 24 hours. Windows may overlap and join.</para>
/// <para>Local times are in the rotation's time zone; a window edge that daylight-saving time skips moves forward by
/// the gap and one it repeats takes the earlier instant, as in <see cref="BusinessCalendar"/>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class ActiveWindow : IEquatable<ActiveWindow>
{
    /// <summary>Creates a window.</summary>
    /// <param name="days">The days of the week the window starts on; at least one, none twice.</param>
    /// <param name="from">Local start time.</param>
    /// <param name="to">Local end time; not after <paramref name="from"/> means the next day.</param>
    /// <exception cref="ArgumentNullException"><paramref name="days"/> is null.</exception>
    /// <exception cref="PolicyValidationException">No day is given or one is listed twice (path <c>days</c>,
    /// <c>days[1]</c>), or a time has a fraction of a second (paths <c>from</c>, <c>to</c>).</exception>
    public ActiveWindow(IEnumerable<IsoDayOfWeek> days, LocalTime from, LocalTime to)
    {
        ArgumentNullException.ThrowIfNull(days);
        var list = days.ToList();
        var problems = new ProblemList();
        Validate(list.Select(d => (IsoDayOfWeek?)d).ToList(), problems, "");
        StorableValues.CheckWholeSeconds(from, problems, "from");
        StorableValues.CheckWholeSeconds(to, problems, "to");
        problems.ThrowIfAny();
        Days = list.Order().ToList().AsReadOnly();
        From = from;
        To = to;
    }

    /// <summary>The days of the week the window starts on, Monday first.</summary>
    public IReadOnlyList<IsoDayOfWeek> Days { get; }

    /// <summary>Local start time.</summary>
    public LocalTime From { get; }

    /// <summary>Local end time, on the next day when it is not after <see cref="From"/>.</summary>
    public LocalTime To { get; }

    /// <summary>How long the window lasts on the wall clock: from one minute up to 24 hours.</summary>
    public Duration Length
    {
        get
        {
            var from = From.NanosecondOfDay;
            var to = To.NanosecondOfDay;
            return Duration.FromNanoseconds(to > from ? to - from : NodaConstants.NanosecondsPerDay - from + to);
        }
    }

    /// <summary>Describes the window: <c>Mon,Tue 09:00–17:00</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{string.Join(",", Days.Select(d => d.ToString()[..3]))} {IsoText.FormatLocalTime(From)}–{(To == LocalTime.Midnight ? "24:00" : IsoText.FormatLocalTime(To))}";

    /// <inheritdoc/>
    public bool Equals(ActiveWindow? other) =>
        other is not null && From == other.From && To == other.To && Days.SequenceEqual(other.Days);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ActiveWindow);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(From, To, Days.Count);

    internal static void Validate(IReadOnlyList<IsoDayOfWeek?> days, ProblemList problems, string path)
    {
        var daysPath = ProblemList.Join(path, "days");
        if (days.Count == 0)
        {
            problems.AddMissing(daysPath, "at least one day is required");
        }

        var seen = new HashSet<IsoDayOfWeek>();
        for (var i = 0; i < days.Count; i++)
        {
            if (days[i] is not { } day)
            {
                continue;
            }

            if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                problems.Add(ProblemList.Index(daysPath, i), $"{(int)day} is not a day of the week");
            }
            else if (!seen.Add(day))
            {
                problems.Add(ProblemList.Index(daysPath, i), $"{BusinessCalendar.DayName(day)} is listed twice");
            }
        }
    }
}
