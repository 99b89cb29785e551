using IncidentPolicy.Escalation;

namespace IncidentPolicy.Lifecycle;

public sealed partial class Incident
{
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
}
