using System.Globalization;
using System.Text.Json;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Cli.Json;

/// <summary>
/// The JSON of <c>incident-policy replay --format json</c>: an incident's state (status, version, severity, commander,
/// roles, impacts, flags, action items) and the violations a lenient replay found.
/// </summary>
/// <remarks>Every key is written, <c>null</c> when it has no value; instants in ISO 8601 UTC. The library's versioned
/// form of an incident and its evaluation is <see cref="IncidentPolicy.Serialization.IncidentJson"/>; this one stays as
/// the CLI has always printed it. Thread-safe.</remarks>
internal static class ReplayJson
{
    /// <summary>Writes the incident of a replay and its violations.</summary>
    /// <param name="replay">A lenient replay's result (or a strict replay's incident with no violations).</param>
    /// <param name="clock">Where instants are written: UTC (<c>…Z</c>) or a zone with offsets.</param>
    /// <returns>Indented JSON without a trailing line break.</returns>
    public static string Serialize(ReplayResult replay, CliTime clock)
    {
        ArgumentNullException.ThrowIfNull(replay);
        var incident = replay.Incident;
        var document = new IncidentReportDocument
        {
            Incident = incident.Id,
            Status = Text.Camel(incident.Status),
            Version = incident.Version,
            Severity = incident.SeverityId,
            Title = incident.Title,
            Summary = incident.Summary,
            Channel = incident.ChannelName,
            AlertAt = incident.AlertAt,
            AcknowledgedAt = incident.AcknowledgedAt,
            AcknowledgedBy = incident.AcknowledgedBy,
            DeclaredAt = incident.DeclaredAt,
            MitigatedAt = incident.MitigatedAt,
            ResolvedAt = incident.ResolvedAt,
            ClosedAt = incident.ClosedAt,
            Commander = incident.Commander,
            Roles = incident.RoleAssignments.Select(r => new RoleReportDocument { Role = r.Role, Person = r.Person }).ToList(),
            Impacts = incident.Impacts.Select(i => new ImpactReportDocument { Metric = i.Metric, Value = i.Value, Unit = i.Unit }).ToList(),
            Flags = [.. incident.Flags],
            ActionItems = incident.ActionItems.Select(a => new ActionItemReportDocument
            {
                Id = a.Id,
                Action = a.Action,
                Owner = a.Owner,
                Due = a.Due.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture),
                Status = Text.Camel(a.Status),
                CompletedAt = a.CompletedAt,
            }).ToList(),
            MergedInto = incident.MergedInto,
            PolicyHash = incident.PolicyHash,
            PolicyMatches = incident.PolicyHash is null || incident.PolicyHash == incident.Policy.ContentHash,
            Violations = replay.Violations.Select(v => new ViolationReportDocument { Rule = v.RuleId, EventIndex = v.EventIndex, Reason = v.Reason }).ToList(),
        };
        return JsonSerializer.Serialize(document, clock.Json.IncidentReportDocument);
    }
}
