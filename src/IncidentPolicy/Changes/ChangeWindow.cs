using NodaTime;
using NodaTime.TimeZones;
using IncidentPolicy.Calendars;
using IncidentPolicy.Escalation;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Changes;

/// <summary>
/// A change freeze in local time: on the given days of the week, from a local time to a local time, deployments are
/// refused unless someone in one of <see cref="ApprovedBy"/> approves. The seed's action item 3, "block deployments
/// between 12–6 AM without approval", is <c>every day 00:00–06:00, approved by engineering-manager</c>.
/// </summary>
/// <remarks>
/// <para>A window starts at <see cref="From"/> on each of <see cref="Days"/> and ends at <see cref="To"/> the same
/// day when <see cref="To"/> is later, otherwise at <see cref="To"/> the next day: <c>22:00–06:00</c> is a night,
/// <c>00:00–06:00</c> is the small hours of the day it starts on, and <c>09:00–09:00</c> lasts a whole day. The start
/// is inclusive and the end exclusive, so a deployment at exactly 06:00 is allowed.</para>
/// <para>Local times are in <see cref="Zone"/>, or the policy calendar's zone when it is <see langword="null"/>.
/// A window edge that daylight-saving time skips moves forward by the gap and one it repeats takes the earlier
/// instant, as in <see cref="BusinessCalendar"/>; so the night of a spring-forward is an hour shorter and the night of
/// a fall-back an hour longer.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class ChangeWindow
{
    /// <summary>Creates a change window.</summary>
    /// <param name="id">Stable id in lower-case kebab form, such as <c>overnight-freeze</c>; unique in the policy.</param>
    /// <param name="days">The days of the week the window starts on; at least one, none twice.</param>
    /// <param name="from">Local start time, inclusive.</param>
    /// <param name="to">Local end time, exclusive; not after <paramref name="from"/> means the next day.</param>
    /// <param name="approvedBy">Role ids whose approval lifts the freeze; none for a freeze nobody can lift.</param>
    /// <param name="reason">Why deployments are frozen, in plain words; shown to whoever is refused.</param>
    /// <param name="zone">The time zone of <paramref name="from"/> and <paramref name="to"/>; <see langword="null"/>
    /// for the policy calendar's zone.</param>
    /// <exception cref="ArgumentNullException"><paramref name="days"/> or <paramref name="approvedBy"/> is null.</exception>
    /// <exception cref="PolicyValidationException">The id is not kebab form, no day is given or one is listed twice, a
    /// time has a fraction of a second, an approving role is listed twice or empty, or the reason is empty; or a text
    /// is not storable (<see cref="Limits"/>) (paths <c>id</c>, <c>days[1]</c>, <c>from</c>, <c>to</c>,
    /// <c>approvedBy[0]</c>, <c>reason</c>).</exception>
    public ChangeWindow(
        string id, IEnumerable<IsoDayOfWeek> days, LocalTime from, LocalTime to, IEnumerable<string> approvedBy, string reason, DateTimeZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(approvedBy);
        var dayList = days.ToList();
        var approvers = approvedBy.ToList();
        var problems = new ProblemList();
        Validate(id, dayList.Select(d => (IsoDayOfWeek?)d).ToList(), approvers, reason, problems, "");
        StorableValues.CheckWholeSeconds(from, problems, "from");
        StorableValues.CheckWholeSeconds(to, problems, "to");
        problems.ThrowIfAny();
        Id = id;
        Days = dayList.Order().ToList().AsReadOnly();
        From = from;
        To = to;
        ApprovedBy = approvers.AsReadOnly();
        Reason = reason;
        Zone = zone;
    }

    /// <summary>Stable id in lower-case kebab form, unique in the policy.</summary>
    public string Id { get; }

    /// <summary>The days of the week the window starts on, Monday first.</summary>
    public IReadOnlyList<IsoDayOfWeek> Days { get; }

    /// <summary>Local start time, inclusive.</summary>
    public LocalTime From { get; }

    /// <summary>Local end time, exclusive; on the next day when it is not after <see cref="From"/>.</summary>
    public LocalTime To { get; }

    /// <summary>Role ids whose approval lifts the freeze, in the order given; empty when nobody can lift it.</summary>
    public IReadOnlyList<string> ApprovedBy { get; }

    /// <summary>Why deployments are frozen, in plain words.</summary>
    public string Reason { get; }

    /// <summary>The time zone of <see cref="From"/> and <see cref="To"/>; <see langword="null"/> for the policy
    /// calendar's zone.</summary>
    public DateTimeZone? Zone { get; }

    /// <summary>Whether the window crosses midnight (<see cref="To"/> is not after <see cref="From"/>).</summary>
    public bool IsOvernight => To <= From;

    /// <summary>The occurrence of the window that contains <paramref name="at"/>, if any.</summary>
    /// <param name="at">The instant asked about.</param>
    /// <param name="defaultZone">The zone used when <see cref="Zone"/> is <see langword="null"/>.</param>
    /// <returns>The occurrence's start (inclusive) and end (exclusive), or <see langword="null"/> when
    /// <paramref name="at"/> is outside the window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="defaultZone"/> is null.</exception>
    public (Instant Start, Instant End)? OccurrenceAt(Instant at, DateTimeZone defaultZone)
    {
        ArgumentNullException.ThrowIfNull(defaultZone);
        var zone = Zone ?? defaultZone;
        var today = at.InZone(zone).Date;

        // A window lasts at most a local day, so only one starting today or yesterday can hold the instant.
        foreach (var day in (ReadOnlySpan<LocalDate>)[today.PlusDays(-1), today])
        {
            if (!Days.Contains(day.DayOfWeek))
            {
                continue;
            }

            var start = Resolve(zone, day + From);
            var end = Resolve(zone, (IsOvernight ? day.PlusDays(1) : day) + To);
            if (start <= at && at < end)
            {
                return (start, end);
            }
        }

        return null;
    }

    /// <summary>Describes the window: <c>overnight-freeze: Mon,Tue 00:00–06:00</c>, with the zone when it has one.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Id}: {string.Join(",", Days.Select(d => d.ToString()[..3]))} {IsoText.FormatLocalTime(From)}–{(To == LocalTime.Midnight ? "24:00" : IsoText.FormatLocalTime(To))}{(Zone is null ? "" : " " + Zone.Id)}";

    internal static void Validate(
        string? id, IReadOnlyList<IsoDayOfWeek?> days, IReadOnlyList<string?> approvedBy, string? reason, ProblemList problems, string path)
    {
        EscalationIds.Check(id, "change window", problems, ProblemList.Join(path, "id"));
        OnCall.ActiveWindow.Validate(days, problems, path);
        var approversPath = ProblemList.Join(path, "approvedBy");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < approvedBy.Count; i++)
        {
            if (string.IsNullOrEmpty(approvedBy[i]))
            {
                problems.AddMissing(ProblemList.Index(approversPath, i), "a role id is required");
            }
            else if (problems.CheckText(approvedBy[i], StorableText.Shape.Id, "the role id", ProblemList.Index(approversPath, i)) && !seen.Add(approvedBy[i]!))
            {
                problems.Add(ProblemList.Index(approversPath, i), $"role '{approvedBy[i]}' is listed twice");
            }
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.AddMissing(ProblemList.Join(path, "reason"), "a reason is required: say why deployments are frozen");
        }
        else
        {
            problems.CheckText(reason, StorableText.Shape.Free, "the reason", ProblemList.Join(path, "reason"));
        }
    }

    private static Instant Resolve(DateTimeZone zone, LocalDateTime local) =>
        zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();
}
