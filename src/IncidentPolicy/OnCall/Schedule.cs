using NodaTime;

namespace IncidentPolicy.OnCall;

/// <summary>
/// Who is on call for a role, and when: layers of rotations (a later layer wins where it has someone on call),
/// overrides (someone replaces whoever is scheduled, on one layer or the whole schedule), and unavailability
/// (a person's leave: their shift passes to the next available member, or becomes a reported gap).
/// </summary>
/// <remarks>
/// <para>At an instant, the person on call is found top-down: an override of the whole schedule wins; otherwise
/// the last layer that has someone — its override if one holds, else its rotation's member, replaced by the next
/// available member (or by nobody, see <see cref="WhenUnavailable"/>) if that member is unavailable — and
/// otherwise nobody: a gap.</para>
/// <para><see cref="OnCallAt"/> costs the same however far the instant is from the rotations' starts (the shift
/// index is computed, not counted) and grows only with the logarithm of the number of overrides and leaves.
/// <see cref="Shifts"/>, <see cref="Handoffs"/> and <see cref="Gaps"/> answer for a window, and
/// <see cref="NextHandoffs"/> and <see cref="HandoffNotices"/> after an instant, from the same computation, so they
/// always agree with <see cref="OnCallAt"/>.</para>
/// <para>A layer's roster changes (<see cref="ScheduleLayer.RosterChanges"/>) each govern it from their start, so
/// a change never alters an answer for an earlier instant.</para>
/// <para>Instances are immutable and thread-safe; <see cref="WithOverrides"/> and <see cref="WithUnavailability"/>
/// return validated copies.</para>
/// </remarks>
public sealed partial class Schedule
{
    // Per layer, per roster (the rotation, then each roster change): its engine, and the instants the changes take over.
    private readonly RotationEngine[][] _engines;
    private readonly Instant[][] _changeStarts;
    private readonly IntervalIndex[] _layerOverrides;
    private readonly IntervalIndex _scheduleOverrides;

    // Per layer, per roster, per member: that member's unavailability (their union), or null when they have none.
    private readonly IntervalIndex?[][][] _unavailable;

    /// <summary>Creates a schedule, checking it all at once.</summary>
    /// <param name="id">Id in lower-case kebab form, such as <c>on-call</c>.</param>
    /// <param name="name">Display name, such as <c>Primary on-call</c>.</param>
    /// <param name="role">The role id the schedule staffs, such as <c>on-call-engineer</c> or
    /// <c>incident-commander</c>; <see langword="null"/> for none. A policy checks it against its roles.</param>
    /// <param name="timeZone">The zone rotations without their own zone are in.</param>
    /// <param name="layers">The layers, lowest first; at least one, ids unique.</param>
    /// <param name="overrides">Overrides; those of one layer (or of the whole schedule) must not overlap. Optional.</param>
    /// <param name="unavailability">Times people cannot be on call. Optional.</param>
    /// <param name="whenUnavailable">What happens to the shift of an unavailable person.</param>
    /// <exception cref="ArgumentNullException">A required argument, a layer, an override or an unavailability is null.</exception>
    /// <exception cref="PolicyValidationException">The schedule is invalid; every problem is listed with a path such as
    /// <c>layers[1].id</c> or <c>overrides[2]</c>.</exception>
    public Schedule(
        string id,
        string name,
        string? role,
        DateTimeZone timeZone,
        IEnumerable<ScheduleLayer> layers,
        IEnumerable<ScheduleOverride>? overrides = null,
        IEnumerable<Unavailability>? unavailability = null,
        UnavailabilityPolicy whenUnavailable = UnavailabilityPolicy.NextAvailableMember)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(layers);
        var layerList = NoNulls(layers, nameof(layers));
        var overrideList = NoNulls(overrides ?? [], nameof(overrides));
        var unavailabilityList = NoNulls(unavailability ?? [], nameof(unavailability));

        var problems = new ProblemList();
        Validate(id, name, role, timeZone, layerList, overrideList, unavailabilityList, whenUnavailable, problems, "");
        problems.ThrowIfAny();

        Id = id;
        Name = name;
        Role = role;
        TimeZone = timeZone;
        Layers = layerList.AsReadOnly();
        Overrides = overrideList.AsReadOnly();
        Unavailability = unavailabilityList.AsReadOnly();
        WhenUnavailable = whenUnavailable;

        _engines = layerList.Select(l => l.Rosters.Select(r => new RotationEngine(r, timeZone)).ToArray()).ToArray();
        _changeStarts = _engines.Select(e => e.Skip(1).Select(r => r.Start).ToArray()).ToArray();
        _layerOverrides = layerList
            .Select(l => IntervalIndex.Disjoint(overrideList.Where(o => o.LayerId == l.Id).Select(o => (o.Start, o.End, (string?)o.PersonId))))
            .ToArray();
        _scheduleOverrides = IntervalIndex.Disjoint(overrideList.Where(o => o.LayerId is null).Select(o => (o.Start, o.End, (string?)o.PersonId)));
        var byPerson = unavailabilityList
            .GroupBy(u => u.PersonId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => IntervalIndex.Union(g.Select(u => (u.Start, u.End))), StringComparer.Ordinal);
        _unavailable = layerList
            .Select(l => l.Rosters.Select(r => r.Members.Select(m => byPerson.GetValueOrDefault(m)).ToArray()).ToArray())
            .ToArray();
    }

    /// <summary>Id in lower-case kebab form.</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>The role id the schedule staffs, or <see langword="null"/>.</summary>
    public string? Role { get; }

    /// <summary>The zone rotations without their own zone are in.</summary>
    public DateTimeZone TimeZone { get; }

    /// <summary>The layers, lowest first: a later layer wins where it has someone on call.</summary>
    public IReadOnlyList<ScheduleLayer> Layers { get; }

    /// <summary>Overrides, in the order given.</summary>
    public IReadOnlyList<ScheduleOverride> Overrides { get; }

    /// <summary>Times people cannot be on call, in the order given.</summary>
    public IReadOnlyList<Unavailability> Unavailability { get; }

    /// <summary>What happens to the shift of an unavailable person.</summary>
    public UnavailabilityPolicy WhenUnavailable { get; }

    /// <summary>Who is on call at <paramref name="instant"/>, and why.</summary>
    /// <param name="instant">An instant within the supported range (<see cref="Limits"/>).</param>
    /// <returns>The assignment, or <see langword="null"/> when nobody is on call then (a gap).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="instant"/> is outside the supported range.</exception>
    public OnCallAssignment? OnCallAt(Instant instant)
    {
        TimeMath.CheckInput(instant, nameof(instant));
        return Evaluate(instant, out _, out _);
    }

    /// <summary>Who is on call at <paramref name="instant"/>, for the library's own computations, which can ask about
    /// a result up to <see cref="Limits.LatestResult"/> or about an instant a leniently replayed log holds: nobody
    /// outside <see cref="Limits.MinInstant"/> … <see cref="Limits.LatestResult"/>.</summary>
    internal OnCallAssignment? OnCallAtOrNobody(Instant instant) =>
        instant >= Limits.MinInstant && instant <= Limits.LatestResult ? Evaluate(instant, out _, out _) : null;

    /// <summary>The final, merged shifts in [<paramref name="from"/>, <paramref name="to"/>): who is on call and
    /// why, with layers, overrides and unavailability applied, clipped to the window.</summary>
    /// <remarks>Adjacent stretches with the same assignment form one shift. Shifts and <see cref="Gaps"/> together
    /// tile the window exactly.</remarks>
    /// <param name="from">Start of the window, inclusive.</param>
    /// <param name="to">End of the window, exclusive.</param>
    /// <returns>The shifts in time order; empty when <paramref name="to"/> is not after <paramref name="from"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> or <paramref name="to"/> is outside the
    /// supported range (<see cref="Limits"/>).</exception>
    public IReadOnlyList<OnCallShift> Shifts(Instant from, Instant to)
    {
        TimeMath.CheckInput(from, nameof(from));
        TimeMath.CheckInput(to, nameof(to));
        var shifts = new List<OnCallShift>();
        Timeline(from, to, (start, end, assignment, _) =>
        {
            if (assignment is not null)
            {
                shifts.Add(new OnCallShift(start, end, assignment));
            }
        });
        return shifts;
    }

    /// <summary>The stretches of [<paramref name="from"/>, <paramref name="to"/>) in which nobody is on call.</summary>
    /// <param name="from">Start of the window, inclusive.</param>
    /// <param name="to">End of the window, exclusive.</param>
    /// <returns>The gaps in time order, each naming the unavailable person when that is the cause.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> or <paramref name="to"/> is outside the
    /// supported range (<see cref="Limits"/>).</exception>
    public IReadOnlyList<CoverageGap> Gaps(Instant from, Instant to)
    {
        TimeMath.CheckInput(from, nameof(from));
        TimeMath.CheckInput(to, nameof(to));
        var gaps = new List<CoverageGap>();
        Timeline(from, to, (start, end, assignment, unavailable) =>
        {
            if (assignment is null)
            {
                gaps.Add(new CoverageGap(Id, start, end, unavailable));
            }
        });
        return gaps;
    }

    /// <summary>The instants in [<paramref name="from"/>, <paramref name="to"/>) at which the person on call changes,
    /// including to and from nobody; a handoff exactly at <paramref name="from"/> is included.</summary>
    /// <param name="from">Start of the window, inclusive.</param>
    /// <param name="to">End of the window, exclusive.</param>
    /// <returns>The handoffs in time order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> or <paramref name="to"/> is outside the
    /// supported range (<see cref="Limits"/>).</exception>
    public IReadOnlyList<Handoff> Handoffs(Instant from, Instant to)
    {
        TimeMath.CheckInput(from, nameof(from));
        TimeMath.CheckInput(to, nameof(to));
        var handoffs = new List<Handoff>();
        if (to <= from)
        {
            return handoffs;
        }

        var previous = Evaluate(from - Duration.Epsilon, out _, out _);
        Timeline(from, to, (start, _, assignment, _) =>
        {
            if (previous?.PersonId != assignment?.PersonId)
            {
                handoffs.Add(new Handoff(Id, start, previous, assignment));
            }

            previous = assignment;
        });
        return handoffs;
    }

    /// <summary>The next handoffs strictly after <paramref name="after"/>: when the person on call changes, from whom
    /// to whom (a gap is a handoff to or from nobody) — what a bot sleeps until, and what <c>oncall --at</c> shows as
    /// "until … then …".</summary>
    /// <param name="after">The instant to look from; a handoff exactly then is not included.</param>
    /// <param name="count">How many handoffs, 1 to 1,000.</param>
    /// <returns>Up to <paramref name="count"/> handoffs in time order, within <see cref="HandoffLookahead"/> after
    /// <paramref name="after"/> (and before <see cref="Limits.LatestResult"/>); fewer when the schedule has no more
    /// then, such as a one-person rotation.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="after"/> is outside the supported range
    /// (<see cref="Limits"/>), or <paramref name="count"/> is not 1 to 1,000.</exception>
    public IReadOnlyList<Handoff> NextHandoffs(Instant after, int count = 1)
    {
        TimeMath.CheckInput(after, nameof(after));
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxHandoffs);
        var handoffs = new List<Handoff>();
        var horizon = after + HandoffLookahead;
        var previous = Evaluate(after, out var at, out _);
        while (handoffs.Count < count && at <= horizon && at <= Limits.LatestResult)
        {
            var next = Evaluate(at, out var end, out _);
            if (previous?.PersonId != next?.PersonId)
            {
                handoffs.Add(new Handoff(Id, at, previous, next));
            }

            previous = next;
            at = end;
        }

        return handoffs;
    }

    /// <summary>Notices of the next handoffs, each due <paramref name="lead"/> before its handoff ("you are on call in
    /// 1 hour"): the notices due strictly after <paramref name="after"/>. A bot sleeps until the first one's
    /// <see cref="HandoffNotice.NotifyAt"/>, sends it, and asks again from that instant; the iCalendar feed is unchanged.</summary>
    /// <param name="after">The instant to look from: notices due then or earlier are not included.</param>
    /// <param name="lead">How long before a handoff its notice is due; zero or more, at most <see cref="HandoffLookahead"/>.</param>
    /// <param name="count">How many notices, 1 to 1,000.</param>
    /// <returns>Up to <paramref name="count"/> notices in time order, for handoffs within <see cref="HandoffLookahead"/>
    /// after <c>after + lead</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="after"/> is outside the supported range,
    /// <paramref name="lead"/> is negative or too long, or <paramref name="count"/> is not 1 to 1,000.</exception>
    public IReadOnlyList<HandoffNotice> HandoffNotices(Instant after, Duration lead, int count = 1)
    {
        TimeMath.CheckInput(after, nameof(after));
        if (lead < Duration.Zero || lead > HandoffLookahead)
        {
            throw new ArgumentOutOfRangeException(nameof(lead), lead, "The lead time must be zero or more and at most 366 days.");
        }

        var from = after + lead;
        return from > Limits.MaxInstant
            ? []
            : NextHandoffs(from, count).Select(h => new HandoffNotice(h.At - lead, lead, h)).ToList();
    }

    /// <summary>How far <see cref="NextHandoffs"/> and <see cref="HandoffNotices"/> look ahead: 366 days.</summary>
    public static Duration HandoffLookahead { get; } = Duration.FromDays(366);

    private const int MaxHandoffs = 1000;

    /// <summary>A copy of this schedule with other overrides: how a bot records "I'll take tonight".</summary>
    /// <param name="overrides">The new overrides.</param>
    /// <returns>The validated copy.</returns>
    /// <exception cref="PolicyValidationException">The copy would be invalid (for example, overlapping overrides).</exception>
    public Schedule WithOverrides(IEnumerable<ScheduleOverride> overrides) =>
        new(Id, Name, Role, TimeZone, Layers, overrides, Unavailability, WhenUnavailable);

    /// <summary>A copy of this schedule with other unavailability.</summary>
    /// <param name="unavailability">The new unavailability.</param>
    /// <returns>The validated copy.</returns>
    /// <exception cref="PolicyValidationException">The copy would be invalid.</exception>
    public Schedule WithUnavailability(IEnumerable<Unavailability> unavailability) =>
        new(Id, Name, Role, TimeZone, Layers, Overrides, unavailability, WhenUnavailable);

    /// <summary>Describes the schedule: <c>on-call (Primary on-call), role on-call-engineer, UTC, 2 layers</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Id} ({Name}){(Role is null ? "" : $", role {Role}")}, {TimeZone.Id}, {HumanText.Plural(Layers.Count, "layer")}";

    /// <summary>Every person the schedule names, with the path where: members, override and unavailability persons.</summary>
    internal IEnumerable<(string PersonId, string Path, bool OnCallDuty)> PersonReferences(string path)
    {
        for (var i = 0; i < Layers.Count; i++)
        {
            var members = Layers[i].Rotation.Members;
            for (var j = 0; j < members.Count; j++)
            {
                yield return (members[j], $"{path}.layers[{i}].rotation.members[{j}]", true);
            }

            for (var c = 0; c < Layers[i].RosterChanges.Count; c++)
            {
                var changed = Layers[i].RosterChanges[c].Members;
                for (var j = 0; j < changed.Count; j++)
                {
                    yield return (changed[j], $"{path}.layers[{i}].rosterChanges[{c}].members[{j}]", true);
                }
            }
        }

        for (var i = 0; i < Overrides.Count; i++)
        {
            yield return (Overrides[i].PersonId, $"{path}.overrides[{i}].person", true);
        }

        for (var i = 0; i < Unavailability.Count; i++)
        {
            yield return (Unavailability[i].PersonId, $"{path}.unavailability[{i}].person", false);
        }
    }

    internal RotationEngine Engine(int layer) => _engines[layer][0];

    internal RotationEngine Engine(int layer, int roster) => _engines[layer][roster];

    /// <summary>The assignment at <paramref name="t"/>, the instant (after t) until which it holds at least, and for a
    /// gap the unavailable person behind it.</summary>
    private OnCallAssignment? Evaluate(Instant t, out Instant end, out string? unavailable)
    {
        end = Instant.MaxValue;
        unavailable = null;
        var scheduleOverride = _scheduleOverrides.Covering(t, ref end);

        string? person = null;
        string? scheduled = null;
        var reason = OnCallReason.Rotation;
        var layer = -1;
        for (var i = _engines.Length - 1; i >= 0 && person is null; i--)
        {
            person = EvaluateLayer(i, t, ref end, ref unavailable, out scheduled, out reason);
            layer = i;
        }

        if (scheduleOverride >= 0)
        {
            // The person replaced is whoever the layers would have on call.
            return new OnCallAssignment(Id, _scheduleOverrides.Label(scheduleOverride)!, OnCallReason.Override, null, person);
        }

        return person is null ? null : new OnCallAssignment(Id, person, reason, Layers[layer].Id, scheduled);
    }

    private string? EvaluateLayer(int i, Instant t, ref Instant end, ref string? unavailable, out string? scheduled, out OnCallReason reason)
    {
        // The roster in effect: the last whose change has taken over by t; it holds until the next change.
        var changes = _changeStarts[i];
        var roster = 0;
        while (roster < changes.Length && changes[roster] <= t)
        {
            roster++;
        }

        if (roster < changes.Length && changes[roster] < end)
        {
            end = changes[roster];
        }

        var member = _engines[i][roster].At(t, out var rotationEnd);
        if (rotationEnd < end)
        {
            end = rotationEnd;
        }

        var members = roster == 0 ? Layers[i].Rotation.Members : Layers[i].RosterChanges[roster - 1].Members;
        scheduled = member >= 0 ? members[member] : null;
        var layerOverride = _layerOverrides[i].Covering(t, ref end);
        if (layerOverride >= 0)
        {
            reason = OnCallReason.Override;
            return _layerOverrides[i].Label(layerOverride);
        }

        reason = OnCallReason.Rotation;
        if (member < 0)
        {
            return null;
        }

        var away = _unavailable[i][roster];
        if (away[member] is null || away[member]!.Covering(t, ref end) < 0)
        {
            return scheduled;
        }

        if (WhenUnavailable == UnavailabilityPolicy.NextAvailableMember)
        {
            for (var step = 1; step < members.Count; step++)
            {
                var candidate = (member + step) % members.Count;
                if (away[candidate] is null || away[candidate]!.Covering(t, ref end) < 0)
                {
                    reason = OnCallReason.Substitution;
                    return members[candidate];
                }
            }
        }

        unavailable ??= scheduled;
        return null;
    }

    /// <summary>Walks [from, to) in stretches of constant answer, joining adjacent equal ones.</summary>
    private void Timeline(Instant from, Instant to, Action<Instant, Instant, OnCallAssignment?, string?> emit)
    {
        if (to <= from)
        {
            return;
        }

        var start = from;
        var current = Evaluate(from, out var end, out var currentUnavailable);
        while (end < to)
        {
            var next = Evaluate(end, out var nextEnd, out var nextUnavailable);
            if (!Equals(next, current) || (next is null && nextUnavailable != currentUnavailable))
            {
                emit(start, end, current, currentUnavailable);
                start = end;
                current = next;
                currentUnavailable = nextUnavailable;
            }

            end = nextEnd;
        }

        emit(start, to, current, currentUnavailable);
    }

    /// <summary>The first position of <paramref name="sorted"/> (by start) whose start is at or after
    /// <paramref name="instant"/>; the count when there is none.</summary>
    private static int FirstNotBefore<T>(IReadOnlyList<T> sorted, Instant instant, Func<T, Instant> start)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (start(sorted[middle]) < instant)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static string Describe(Instant start, Instant end) => $"{IsoText.FormatInstant(start)} to {IsoText.FormatInstant(end)}";

    private static List<T> NoNulls<T>(IEnumerable<T> items, string parameter)
        where T : class
    {
        var list = items.ToList();
        return list.Any(i => i is null) ? throw new ArgumentNullException(parameter, $"An item of {parameter} is null.") : list;
    }
}
