using NodaTime;

namespace IncidentPolicy.OnCall;

/// <summary>
/// An ordered list of people who take turns: the first member's shift starts at <see cref="Start"/>, each shift
/// lasts <see cref="ShiftLength"/>, and the turn passes to the next member (after the last, the first again).
/// </summary>
/// <remarks>
/// <para><see cref="Start"/> is a local date and time in <see cref="TimeZone"/>, or, when that is
/// <see langword="null"/>, in the time zone of the schedule the rotation belongs to. Before the start the rotation
/// has nobody on call.</para>
/// <para>With a <see cref="ShiftClock.WallClock"/> length, handoff <c>k</c> is at local time
/// <c>Start + k × period</c> (for a monthly length, <c>k × months</c> after the start's month, on the day
/// <see cref="ShiftLength.Anchor"/> says): at the same local time of day across daylight-saving changes. A handoff
/// happens at the first instant whose local time is at or after its nominal local time: one at a local time that a
/// change skips happens at the end of the gap (02:30 becomes 03:00 in Europe/Berlin in spring); one at a repeated
/// local time happens at its first occurrence. Handoffs that land on one instant are one handoff: the shifts between
/// them are empty and take no turn. With an <see cref="ShiftClock.Elapsed"/> length, handoff <c>k</c> is
/// <c>k × length</c> after the start instant (which follows the same rule).</para>
/// <para>With <see cref="ActiveWindows"/>, someone is on call only inside a window, and the turn passes only
/// over <em>active</em> shifts — those whose local time touches a window — so a daily rotation active on weekdays
/// gives every member a turn rather than leaving the weekend's members out forever. Windows need a wall-clock
/// length, or a time zone whose offset does not change from the start on, so they stay at the same place in every
/// week.</para>
/// <para>Which member holds the shift at an instant is computed arithmetically: the cost does not grow with the
/// distance from the start.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class Rotation : IEquatable<Rotation>
{
    /// <summary>Creates a rotation.</summary>
    /// <param name="members">Person ids in turn order; at least one, none twice.</param>
    /// <param name="start">Local date and time of the first handoff, to the first member.</param>
    /// <param name="shiftLength">How long each shift lasts, on the wall clock or elapsed.</param>
    /// <param name="timeZone">The zone <paramref name="start"/> and the windows are in; <see langword="null"/> for
    /// the schedule's zone.</param>
    /// <param name="activeWindows">When the rotation is active; empty or <see langword="null"/> for always.</param>
    /// <exception cref="ArgumentNullException"><paramref name="members"/> or <paramref name="shiftLength"/> is null.</exception>
    /// <exception cref="PolicyValidationException">No member, a member id that is not kebab form or is listed twice
    /// (paths <c>members</c>, <c>members[2]</c>), a start outside <see cref="Limits.MinDate"/> …
    /// <see cref="Limits.MaxDate"/> or with a fraction of a second (path <c>start</c>), or windows with an elapsed
    /// length in a zone whose offset changes after the start (path <c>activeWindows</c>).</exception>
    public Rotation(
        IEnumerable<string> members,
        LocalDateTime start,
        ShiftLength shiftLength,
        DateTimeZone? timeZone = null,
        IEnumerable<ActiveWindow>? activeWindows = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(shiftLength);
        var memberList = members.ToList();
        var windows = activeWindows?.ToList() ?? [];
        if (windows.Any(w => w is null))
        {
            throw new ArgumentNullException(nameof(activeWindows), "An active window is null.");
        }

        var problems = new ProblemList();
        Validate(memberList, problems, "");
        StorableValues.CheckLocalDateTime(start.WithCalendar(CalendarSystem.Iso), problems, "start");
        if (timeZone is not null)
        {
            ValidateZone(shiftLength, windows.Count, timeZone, start.WithCalendar(CalendarSystem.Iso), problems, "");
        }

        problems.ThrowIfAny();
        Members = memberList.AsReadOnly();
        Start = start.WithCalendar(CalendarSystem.Iso);
        ShiftLength = shiftLength;
        TimeZone = timeZone;
        ActiveWindows = windows.AsReadOnly();
    }

    /// <summary>Person ids in turn order.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>Local date and time of the first handoff, in <see cref="TimeZone"/> (or the schedule's zone).</summary>
    public LocalDateTime Start { get; }

    /// <summary>How long each shift lasts.</summary>
    public ShiftLength ShiftLength { get; }

    /// <summary>The rotation's own time zone, or <see langword="null"/> to use the schedule's.</summary>
    public DateTimeZone? TimeZone { get; }

    /// <summary>When the rotation is active; empty when it always is.</summary>
    public IReadOnlyList<ActiveWindow> ActiveWindows { get; }

    /// <inheritdoc/>
    public bool Equals(Rotation? other) =>
        other is not null
        && Members.SequenceEqual(other.Members, StringComparer.Ordinal)
        && Start == other.Start
        && ShiftLength == other.ShiftLength
        && TimeZone?.Id == other.TimeZone?.Id
        && ActiveWindows.SequenceEqual(other.ActiveWindows);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Rotation);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Members.Count, Start, ShiftLength);

    /// <summary>Describes the rotation: <c>alex, blake every P1W (wall clock) from 2026-01-05T09:00</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{string.Join(", ", Members)} every {ShiftLength} from {IsoText.FormatLocalDateTime(Start)}"
        + (TimeZone is null ? "" : $" {TimeZone.Id}")
        + (ActiveWindows.Count == 0 ? "" : $", active {string.Join("; ", ActiveWindows)}");

    internal static void Validate(IReadOnlyList<string?> members, ProblemList problems, string path)
    {
        var membersPath = ProblemList.Join(path, "members");
        if (members.Count == 0)
        {
            problems.AddMissing(membersPath, "at least one member is required");
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < members.Count; i++)
        {
            var memberPath = ProblemList.Index(membersPath, i);
            if (Person.CheckId(members[i], problems, memberPath) && !seen.TryAdd(members[i]!, i))
            {
                problems.Add(memberPath, $"'{members[i]}' is already a member at {ProblemList.Index(membersPath, seen[members[i]!])}; list each person once");
            }
        }
    }

    /// <summary>Windows stay put only in local time: with elapsed shifts that needs a zone whose offset does not change
    /// from the rotation's start on (earlier changes, such as Asia/Kolkata's in the 1940s, do not matter).</summary>
    internal static void ValidateZone(ShiftLength length, int windowCount, DateTimeZone zone, LocalDateTime start, ProblemList problems, string path)
    {
        if (windowCount == 0 || length.Clock != ShiftClock.Elapsed || zone.MinOffset == zone.MaxOffset)
        {
            return;
        }

        var from = RotationEngine.FirstAtOrAfter(zone, start.InUtc().ToInstant());
        var offset = zone.GetUtcOffset(from);
        foreach (var interval in zone.GetZoneIntervals(from, Limits.LatestResult))
        {
            if (interval.WallOffset != offset)
            {
                problems.Add(
                    ProblemList.Join(path, "activeWindows"),
                    $"active windows need a wall-clock shift length in {zone.Id}: its UTC offset changes after the rotation's start (from {offset} to {interval.WallOffset} at {IsoText.FormatInstant(interval.Start)}), and elapsed shifts would drift across the windows; use a period such as P1D, or a zone such as UTC");
                return;
            }
        }
    }
}
