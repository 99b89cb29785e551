using NodaTime;
using IncidentPolicy.Escalation;

namespace IncidentPolicy.Lifecycle;

public sealed partial class Incident
{
    /// <summary>When the first external (status-page) update was posted, if one was: a time-to metric of audits.</summary>
    internal Instant? FirstExternalUpdateAt { get; private set; }

    private static readonly int CommandCount = Enum.GetValues<CommandKind>().Length;

    /// <summary>By state and command: the state an event leads to, as <see cref="LifecycleTable"/> says — its transition,
    /// or, for an event the state does not allow (a lenient replay applies it anyway), its forced target.</summary>
    private static readonly LifecycleState[] StatesAfter = Enum.GetValues<LifecycleState>()
        .SelectMany(state => Enum.GetValues<CommandKind>().Select(command =>
            LifecycleTable.Find(state, command)?.To ?? LifecycleTable.ForcedTarget(state, command)))
        .ToArray();

    /// <summary>
    /// The incident's facts as escalation conditions and <see cref="ResponsePolicy.SuggestSeverity(IncidentFacts)"/>
    /// read them: status, severity, the alert, acknowledgement, declaration, last status update and resolution instants,
    /// the latest impact figures and the flags raised.
    /// </summary>
    /// <returns>The facts after the last event.</returns>
    public IncidentFacts ToFacts()
    {
        var lastUpdate = _events.LastOrDefault(e => e is StatusUpdatePosted)?.At;
        return new IncidentFacts(
            Policy.Severities,
            Status,
            AlertAt,
            Severity,
            AcknowledgedAt,
            DeclaredAt,
            lastUpdate,
            ResolvedAt,
            _impacts.ToDictionary(i => i.Metric, i => i.Value, StringComparer.Ordinal),
            _flags);
    }

    /// <summary>
    /// The lifecycle state after <paramref name="event"/> in <paramref name="state"/>: the state <c>Apply</c>, a replay
    /// and a lenient replay reach (guards do not change where an accepted or leniently applied event leads). Folding it
    /// over an incident's events from <see cref="LifecycleState.Start"/> gives the state after each of them, ending at
    /// the incident's own; the obligations read an incident's status at any instant from it.
    /// </summary>
    internal static LifecycleState StateAfter(LifecycleState state, IncidentEvent @event) =>
        StatesAfter[((int)state * CommandCount) + (int)@event.Kind];

    /// <summary>The status a lifecycle state shows (<see cref="LifecycleState.Start"/>, before the alert, shows none:
    /// −1).</summary>
    internal static IncidentStatus StatusOf(LifecycleState state) => (IncidentStatus)((int)state - 1);
}
