using NodaTime;

namespace IncidentPolicy.Serialization;

// The JSON shape of IncidentJson (format version 1): an incident's state, the policy it was evaluated with, its
// evaluation and the violations of its replay. Every key is written; see IncidentJson's remarks.

internal sealed class IncidentStateDocument
{
    public int FormatVersion { get; set; }

    public IncidentPartDocument? Incident { get; set; }

    public PolicyMatchDocument? Policy { get; set; }

    public EvaluationDocument? Evaluation { get; set; }

    public List<ViolationDocument>? Violations { get; set; }
}

internal sealed class IncidentPartDocument
{
    public string? Id { get; set; }

    public string? Status { get; set; }

    public int Version { get; set; }

    public string? Severity { get; set; }

    public string? Title { get; set; }

    public string? Summary { get; set; }

    public string? Service { get; set; }

    public string? Channel { get; set; }

    public Instant AlertAt { get; set; }

    public Instant LastEventAt { get; set; }

    public Instant? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public string? OnCallResponder { get; set; }

    public Instant? DeclaredAt { get; set; }

    public Instant? MitigatedAt { get; set; }

    public Instant? ResolvedAt { get; set; }

    public Instant? ClosedAt { get; set; }

    public string? Commander { get; set; }

    public List<RoleAssignmentDocument>? Roles { get; set; }

    public List<ImpactFigureDocument>? Impacts { get; set; }

    public List<string>? Flags { get; set; }

    public bool Restricted { get; set; }

    public List<ActionItemStateDocument>? ActionItems { get; set; }

    public Instant? PostMortemScheduledFor { get; set; }

    public Instant? PostMortemPublishedAt { get; set; }

    public string? MergedInto { get; set; }

    public string? DedupKey { get; set; }

    public int JoinedAlerts { get; set; }

    public Instant? AlertClearedAt { get; set; }
}

internal sealed class RoleAssignmentDocument
{
    public string? Role { get; set; }

    public string? Person { get; set; }

    public Instant AssignedAt { get; set; }
}

internal sealed class ImpactFigureDocument
{
    public string? Metric { get; set; }

    public decimal Value { get; set; }

    public string? Unit { get; set; }

    public Instant RecordedAt { get; set; }
}

internal sealed class ActionItemStateDocument
{
    public string? Id { get; set; }

    public string? Action { get; set; }

    public string? Owner { get; set; }

    public string? Due { get; set; }

    public string? Status { get; set; }

    public Instant? CompletedAt { get; set; }

    public string? Reason { get; set; }
}

internal sealed class PolicyMatchDocument
{
    public string? ContentHash { get; set; }

    public string? RecordedHash { get; set; }

    public bool Matches { get; set; }
}

internal sealed class EvaluationDocument
{
    public Instant EvaluatedAt { get; set; }

    public Instant? NextWakeUp { get; set; }

    public List<ObligationStateDocument>? Obligations { get; set; }
}

internal sealed class ObligationStateDocument
{
    public string? Key { get; set; }

    public string? Kind { get; set; }

    public Instant DueAt { get; set; }

    public string? State { get; set; }

    public Instant? MetAt { get; set; }

    public Duration? LateBy { get; set; }

    public Instant? CancelledAt { get; set; }

    public string? Rule { get; set; }

    public string? Reason { get; set; }
}

internal sealed class ViolationDocument
{
    public string? Rule { get; set; }

    public int EventIndex { get; set; }

    public string? Reason { get; set; }
}
