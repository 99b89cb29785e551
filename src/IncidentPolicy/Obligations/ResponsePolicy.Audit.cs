using NodaTime;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;

namespace IncidentPolicy;

public sealed partial class ResponsePolicy
{
    /// <summary>
    /// Audits real history: replays <paramref name="events"/> leniently (recording every broken lifecycle rule instead
    /// of stopping), evaluates the obligations at <paramref name="at"/> (the last event when <see langword="null"/>), and
    /// measures time to acknowledge, declare, first status-page update, mitigate and resolve.
    /// </summary>
    /// <param name="incidentId">The incident's id.</param>
    /// <param name="events">The event log, oldest first.</param>
    /// <param name="at">The audit instant, within the supported range (<see cref="Limits"/>); by default the last
    /// event's (which, for a log built in code, may lie outside it: an event there is a violation of
    /// <see cref="RuleIds.Storable"/>, and the audit still answers).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is outside the supported range.</exception>
    public AuditReport Audit(string incidentId, IEnumerable<IncidentEvent> events, Instant? at = null)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        ArgumentNullException.ThrowIfNull(events);
        if (at is { } given)
        {
            TimeMath.CheckInput(given, nameof(at));
        }

        var replay = Incident.ReplayLenient(this, incidentId, events);
        var incident = replay.Incident;
        var when = at ?? incident.LastEventAt;
        var evaluation = ObligationEngine.Evaluate(this, incident, when);
        var metrics = AuditMetrics.Measure(incident, when);
        var violations = replay.Violations.Where(v => incident.Events[v.EventIndex].At <= when).ToList();
        return new AuditReport(incident, evaluation, violations.AsReadOnly(), metrics);
    }
}
