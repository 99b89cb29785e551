using NodaTime;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Obligations;

/// <summary>
/// An audit of real history: the incident as its log tells it (replayed leniently), what the policy says of it at the
/// audit instant, the lifecycle rules the log broke, and time-to metrics.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class AuditReport
{
    internal AuditReport(Incident incident, Evaluation evaluation, IReadOnlyList<Violation> violations, AuditMetrics metrics)
    {
        Incident = incident;
        Evaluation = evaluation;
        Violations = violations;
        Metrics = metrics;
    }

    /// <summary>The incident, replayed leniently from the log.</summary>
    public Incident Incident { get; }

    /// <summary>The obligations at the audit instant.</summary>
    public Evaluation Evaluation { get; }

    /// <summary>The audit instant.</summary>
    public Instant EvaluatedAt => Evaluation.EvaluatedAt;

    /// <summary>Lifecycle rules the log broke, in log order.</summary>
    public IReadOnlyList<Violation> Violations { get; }

    /// <summary>Time-to metrics from the alert.</summary>
    public AuditMetrics Metrics { get; }

    /// <summary>Whether the policy audited with is the one the alert recorded (or the alert recorded none).</summary>
    public bool PolicyMatches => Incident.PolicyHash is null || Incident.PolicyHash == Incident.Policy.ContentHash;

    /// <summary>Whether anything was missed: an obligation overdue or met late, or a broken lifecycle rule.</summary>
    public bool HasFindings =>
        Violations.Count > 0 || Evaluation.Obligations.Any(o => o.State is ObligationState.Overdue or ObligationState.MetLate);
}
