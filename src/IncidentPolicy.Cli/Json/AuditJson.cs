using System.Text.Json;
using IncidentPolicy.Obligations;

namespace IncidentPolicy.Cli.Json;

/// <summary>
/// The JSON of <c>incident-policy audit --format json</c>:
/// <c>{"incident","severity","status","evaluatedAt","policyMatches","obligations":[{"key","kind","dueAt","metAt","state","lateBy","rule","reason"}],"violations":[{"rule","eventIndex","reason"}],"metrics":{"timeToAcknowledge":"PT5M",…},"nextWakeUp"}</c>.
/// </summary>
/// <remarks>Every field is present, <c>null</c> when empty; obligations ordered by <c>dueAt</c>, then key; instants
/// and durations in the library's text formats (see <see cref="IncidentPolicy.Primitives.TextFormats"/>). Thread-safe.</remarks>
internal static class AuditJson
{
    /// <summary>Writes the report.</summary>
    /// <param name="report">An audit report.</param>
    /// <param name="clock">Where instants are written: UTC or a zone with offsets.</param>
    /// <returns>Indented JSON without a trailing line break.</returns>
    public static string Serialize(AuditReport report, CliTime clock)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = new AuditDocument
        {
            Incident = report.Incident.Id,
            Severity = report.Incident.SeverityId,
            Status = Text.Camel(report.Incident.Status),
            EvaluatedAt = report.EvaluatedAt,
            PolicyMatches = report.PolicyMatches,
            Obligations = report.Evaluation.Obligations.Select(o => new ObligationDocument
            {
                Key = o.Key,
                Kind = Text.Camel(o.Kind),
                DueAt = o.DueAt,
                MetAt = o.MetAt,
                State = Text.Camel(o.State),
                LateBy = o.LateBy,
                Rule = o.RuleId,
                Reason = o.Reason,
            }).ToList(),
            Violations = report.Violations.Select(v => new ViolationReportDocument { Rule = v.RuleId, EventIndex = v.EventIndex, Reason = v.Reason }).ToList(),
            Metrics = new MetricsDocument
            {
                TimeToAcknowledge = report.Metrics.TimeToAcknowledge,
                TimeToDeclare = report.Metrics.TimeToDeclare,
                TimeToFirstExternalUpdate = report.Metrics.TimeToFirstExternalUpdate,
                TimeToMitigate = report.Metrics.TimeToMitigate,
                TimeToResolve = report.Metrics.TimeToResolve,
            },
            NextWakeUp = report.Evaluation.NextWakeUp,
        };
        return JsonSerializer.Serialize(document, clock.Json.AuditDocument);
    }
}
