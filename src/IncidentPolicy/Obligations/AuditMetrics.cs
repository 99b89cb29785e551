using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Obligations;

/// <summary>How long an incident took to reach each milestone, measured from the alert; <see langword="null"/> for
/// milestones not reached (by the audit instant).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="TimeToAcknowledge">Alert to first acknowledgement.</param>
/// <param name="TimeToDeclare">Alert to first declaration.</param>
/// <param name="TimeToFirstExternalUpdate">Alert to the first status-page update.</param>
/// <param name="TimeToMitigate">Alert to (last) mitigation.</param>
/// <param name="TimeToResolve">Alert to resolution.</param>
public sealed record AuditMetrics(
    Duration? TimeToAcknowledge,
    Duration? TimeToDeclare,
    Duration? TimeToFirstExternalUpdate,
    Duration? TimeToMitigate,
    Duration? TimeToResolve)
{
    // Shared by the audit of one log and by IncidentMetrics over many replayed incidents.
    internal static AuditMetrics Measure(Incident incident, Instant when)
    {
        Duration? Since(Instant? instant) => instant is { } i && i <= when ? i - incident.AlertAt : null;
        var firstExternal = incident.FirstExternalUpdateAt;
        return new AuditMetrics(
            Since(incident.AcknowledgedAt),
            Since(incident.DeclaredAt),
            Since(firstExternal),
            Since(incident.MitigatedAt),
            Since(incident.ResolvedAt));
    }
}
