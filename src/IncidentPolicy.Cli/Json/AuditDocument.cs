using NodaTime;

namespace IncidentPolicy.Cli.Json;

// The JSON shape of `incident-policy audit --format json` (issue 4): every field present, null when empty.

internal sealed class AuditDocument
{
    public string? Incident { get; set; }

    public string? Severity { get; set; }

    public string? Status { get; set; }

    public Instant EvaluatedAt { get; set; }

    public bool PolicyMatches { get; set; }

    public List<ObligationDocument>? Obligations { get; set; }

    public List<ViolationReportDocument>? Violations { get; set; }

    public MetricsDocument? Metrics { get; set; }

    public Instant? NextWakeUp { get; set; }
}

internal sealed class ObligationDocument
{
    public string? Key { get; set; }

    public string? Kind { get; set; }

    public Instant DueAt { get; set; }

    public Instant? MetAt { get; set; }

    public string? State { get; set; }

    public Duration? LateBy { get; set; }

    public string? Rule { get; set; }

    public string? Reason { get; set; }
}

internal sealed class MetricsDocument
{
    public Duration? TimeToAcknowledge { get; set; }

    public Duration? TimeToDeclare { get; set; }

    public Duration? TimeToFirstExternalUpdate { get; set; }

    public Duration? TimeToMitigate { get; set; }

    public Duration? TimeToResolve { get; set; }
}
