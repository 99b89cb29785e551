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
    internal static AuditMetrics Measure(Incident incident, Instant when) => new(
        Since(incident, incident.AcknowledgedAt, when),
        Since(incident, incident.DeclaredAt, when),
        Since(incident, incident.FirstExternalUpdateAt, when),
        Since(incident, incident.MitigatedAt, when),
        Since(incident, incident.ResolvedAt, when));

    /// <summary>The time from the alert to <paramref name="milestone"/>, if it was reached at or before
    /// <paramref name="when"/> (a milestone after it has not happened yet).</summary>
    internal static Duration? Since(Incident incident, Instant? milestone, Instant when) =>
        milestone is { } at && at <= when ? at - incident.AlertAt : null;
}
