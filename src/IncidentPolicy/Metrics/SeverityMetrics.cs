namespace IncidentPolicy.Metrics;

/// <summary>Time-to statistics of one group of incidents in <see cref="IncidentMetrics"/>: all of them, or those of
/// one severity.</summary>
/// <remarks>
/// Times are measured from the alert. An incident counts towards a time only once it has reached that milestone by
/// the metrics instant: an open incident is in <see cref="Incidents"/> but not in <see cref="TimeToResolve"/>, so
/// each statistic's <see cref="DurationStatistics.Count"/> says how many incidents it covers. Immutable and
/// thread-safe.
/// </remarks>
/// <param name="SeverityId">The severity (<c>SEV-1</c>), <see cref="IncidentMetrics.AllKey"/> for every incident, or
/// <see cref="IncidentMetrics.NoSeverityKey"/> for incidents never given one.</param>
/// <param name="Incidents">Incidents in the group.</param>
/// <param name="TimeToAcknowledge">Alert to first acknowledgement.</param>
/// <param name="TimeToMitigate">Alert to (last) mitigation.</param>
/// <param name="TimeToResolve">Alert to resolution.</param>
public sealed record SeverityMetrics(
    string SeverityId,
    int Incidents,
    DurationStatistics TimeToAcknowledge,
    DurationStatistics TimeToMitigate,
    DurationStatistics TimeToResolve);
