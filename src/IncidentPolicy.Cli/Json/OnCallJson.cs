using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentPolicy.OnCall;
using NodaTime;

namespace IncidentPolicy.Cli.Json;

/// <summary>
/// The JSON of <c>incident-policy oncall --format json</c>: who is on call at an instant, and the shifts, handoffs,
/// gaps and Incident Commander conflicts of a window. Instants are ISO 8601 UTC ending in <c>Z</c>, enum values
/// camelCase, every key written (<c>null</c> when it has no value), lists in time order.
/// </summary>
/// <remarks>All members are pure and thread-safe.</remarks>
internal static class OnCallJson
{
    /// <summary>Who is on call on each schedule at <paramref name="at"/>:
    /// <c>{"at": "…", "schedules": [{"schedule": "on-call", "role": "on-call-engineer", "onCall": {"person": "casey",
    /// "reason": "rotation", "layer": "weekly", "scheduledPerson": "casey"}, "until": "…", "next": {…}}]}</c>; <c>onCall</c>
    /// is <c>null</c> in a gap; <c>until</c> is the next handoff (<c>null</c> when there is none within 366 days) and
    /// <c>next</c> who is on call from then (<c>null</c> for a gap).</summary>
    /// <param name="schedules">The schedules, in the order to write them.</param>
    /// <param name="at">The instant.</param>
    /// <param name="clock">Where instants are written: UTC (<c>…Z</c>) or a zone with offsets.</param>
    /// <returns>The JSON text, indented, without a trailing line break.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is outside the supported range
    /// (<see cref="Limits"/>).</exception>
    public static string SerializeOnCallAt(IEnumerable<Schedule> schedules, Instant at, CliTime clock)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        var document = new OnCallAtDocument
        {
            At = at,
            Schedules = schedules.Select(s =>
            {
                var next = s.NextHandoffs(at);
                return new ScheduleAtDocument
                {
                    Schedule = s.Id,
                    Role = s.Role,
                    OnCall = ToDocument(s.OnCallAt(at)),
                    Until = next.Count == 0 ? null : next[0].At,
                    Next = next.Count == 0 ? null : ToDocument(next[0].To),
                };
            }).ToList(),
        };
        return JsonSerializer.Serialize(document, clock.Json.OnCallAtDocument);
    }

    /// <summary>The shifts, handoffs and gaps of each schedule in [<paramref name="from"/>, <paramref name="to"/>), and
    /// the conflicts given: <c>{"from", "to", "schedules": [{"schedule", "role", "shifts": [{"start", "end", "person",
    /// "reason", "layer", "scheduledPerson"}], "handoffs": [{"at", "from", "to"}], "gaps": [{"start", "end",
    /// "unavailablePerson"}]}], "conflicts": [{"person", "start", "end", "commanderSchedule", "onCallSchedule"}]}</c>.</summary>
    /// <param name="schedules">The schedules, in the order to write them.</param>
    /// <param name="from">Start of the window, inclusive.</param>
    /// <param name="to">End of the window, exclusive.</param>
    /// <param name="conflicts">Conflicts to include, such as <see cref="ResponsePolicy.CommanderConflicts"/>.</param>
    /// <param name="clock">Where instants are written: UTC (<c>…Z</c>) or a zone with offsets.</param>
    /// <returns>The JSON text, indented, without a trailing line break.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> or <paramref name="to"/> is outside the
    /// supported range (<see cref="Limits"/>).</exception>
    public static string SerializeWindow(IEnumerable<Schedule> schedules, Instant from, Instant to, IEnumerable<ScheduleConflict> conflicts, CliTime clock)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(conflicts);
        var document = new OnCallWindowDocument
        {
            From = from,
            To = to,
            Schedules = schedules.Select(s => new ScheduleWindowDocument
            {
                Schedule = s.Id,
                Role = s.Role,
                Shifts = s.Shifts(from, to).Select(shift => new ShiftOutDocument
                {
                    Start = shift.Start,
                    End = shift.End,
                    Person = shift.PersonId,
                    Reason = Text.Camel(shift.Assignment.Reason),
                    Layer = shift.Assignment.LayerId,
                    ScheduledPerson = shift.Assignment.ScheduledPersonId,
                }).ToList(),
                Handoffs = s.Handoffs(from, to).Select(h => new HandoffDocument { At = h.At, From = h.From?.PersonId, To = h.To?.PersonId }).ToList(),
                Gaps = s.Gaps(from, to).Select(g => new GapDocument { Start = g.Start, End = g.End, UnavailablePerson = g.UnavailablePersonId }).ToList(),
            }).ToList(),
            Conflicts = conflicts.Select(c => new ConflictDocument
            {
                Person = c.PersonId,
                Start = c.Start,
                End = c.End,
                CommanderSchedule = c.Commander.ScheduleId,
                OnCallSchedule = c.OnCall.ScheduleId,
            }).ToList(),
        };
        return JsonSerializer.Serialize(document, clock.Json.OnCallWindowDocument);
    }

    private static AssignmentDocument? ToDocument(OnCallAssignment? assignment) =>
        assignment is null
            ? null
            : new AssignmentDocument
            {
                Person = assignment.PersonId,
                Reason = Text.Camel(assignment.Reason),
                Layer = assignment.LayerId,
                ScheduledPerson = assignment.ScheduledPersonId,
            };
}

internal sealed class OnCallAtDocument
{
    public Instant At { get; set; }

    public List<ScheduleAtDocument>? Schedules { get; set; }
}

internal sealed class ScheduleAtDocument
{
    public string? Schedule { get; set; }

    public string? Role { get; set; }

    public AssignmentDocument? OnCall { get; set; }

    public Instant? Until { get; set; }

    public AssignmentDocument? Next { get; set; }
}

internal sealed class AssignmentDocument
{
    public string? Person { get; set; }

    public string? Reason { get; set; }

    public string? Layer { get; set; }

    public string? ScheduledPerson { get; set; }
}

internal sealed class OnCallWindowDocument
{
    public Instant From { get; set; }

    public Instant To { get; set; }

    public List<ScheduleWindowDocument>? Schedules { get; set; }

    public List<ConflictDocument>? Conflicts { get; set; }
}

internal sealed class ScheduleWindowDocument
{
    public string? Schedule { get; set; }

    public string? Role { get; set; }

    public List<ShiftOutDocument>? Shifts { get; set; }

    public List<HandoffDocument>? Handoffs { get; set; }

    public List<GapDocument>? Gaps { get; set; }
}

internal sealed class ShiftOutDocument
{
    public Instant Start { get; set; }

    public Instant End { get; set; }

    public string? Person { get; set; }

    public string? Reason { get; set; }

    public string? Layer { get; set; }

    public string? ScheduledPerson { get; set; }
}

internal sealed class HandoffDocument
{
    public Instant At { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }
}

internal sealed class GapDocument
{
    public Instant Start { get; set; }

    public Instant End { get; set; }

    public string? UnavailablePerson { get; set; }
}

internal sealed class ConflictDocument
{
    public string? Person { get; set; }

    public Instant Start { get; set; }

    public Instant End { get; set; }

    public string? CommanderSchedule { get; set; }

    public string? OnCallSchedule { get; set; }
}
