using NodaTime;

namespace IncidentPolicy.Cli.Json;

// The JSON shape of `incident-policy replay --format json` (ReplayJson): an incident's state and the rules its log broke.

internal sealed class IncidentReportDocument
{
    public string? Incident { get; set; }

    public string? Status { get; set; }

    public int Version { get; set; }

    public string? Severity { get; set; }

    public string? Title { get; set; }

    public string? Summary { get; set; }

    public string? Channel { get; set; }

    public Instant AlertAt { get; set; }

    public Instant? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public Instant? DeclaredAt { get; set; }

    public Instant? MitigatedAt { get; set; }

    public Instant? ResolvedAt { get; set; }

    public Instant? ClosedAt { get; set; }

    public string? Commander { get; set; }

    public List<RoleReportDocument>? Roles { get; set; }

    public List<ImpactReportDocument>? Impacts { get; set; }

    public List<string>? Flags { get; set; }

    public List<ActionItemReportDocument>? ActionItems { get; set; }

    public string? MergedInto { get; set; }

    public string? PolicyHash { get; set; }

    public bool PolicyMatches { get; set; }

    public List<ViolationReportDocument>? Violations { get; set; }
}

internal sealed class RoleReportDocument
{
    public string? Role { get; set; }

    public string? Person { get; set; }
}

internal sealed class ImpactReportDocument
{
    public string? Metric { get; set; }

    public decimal Value { get; set; }

    public string? Unit { get; set; }
}

internal sealed class ActionItemReportDocument
{
    public string? Id { get; set; }

    public string? Action { get; set; }

    public string? Owner { get; set; }

    public string? Due { get; set; }

    public string? Status { get; set; }

    public Instant? CompletedAt { get; set; }
}

internal sealed class ViolationReportDocument
{
    public string? Rule { get; set; }

    public int EventIndex { get; set; }

    public string? Reason { get; set; }
}
