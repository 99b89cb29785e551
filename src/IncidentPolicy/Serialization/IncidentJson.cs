using System.Globalization;
using System.Text.Json;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;

namespace IncidentPolicy.Serialization;

/// <summary>
/// Writes an incident's state and its evaluation as one JSON document: the documented, versioned form that hosts,
/// dashboards and services return for an incident (<c>"formatVersion": 1</c>, like policy files and event logs).
/// </summary>
/// <remarks>
/// <para>The document, format version 1 (every key always written, <c>null</c> when it has no value; lists empty,
/// never <c>null</c>):</para>
/// <code>
/// {
///   "formatVersion": 1,
///   "incident": {
///     "id": "INC-2026-05-29-checkout", "status": "resolved", "version": 12, "severity": "SEV-1",
///     "title": "checkout errors", "summary": "Checkout error rate &gt; 5%", "service": "checkout",
///     "channel": "#inc-2026-05-29-checkout-errors",
///     "alertAt": "…", "lastEventAt": "…", "acknowledgedAt": "…", "acknowledgedBy": "alex", "onCallResponder": "alex",
///     "declaredAt": "…", "mitigatedAt": "…", "resolvedAt": "…", "closedAt": null,
///     "commander": "sarah",
///     "roles": [{"role": "comms-lead", "person": "maria", "assignedAt": "…"}],
///     "impacts": [{"metric": "revenueLoss", "value": 47000, "unit": "USD", "recordedAt": "…"}],
///     "flags": ["dataBreachSuspected"], "restricted": true,
///     "actionItems": [{"id": "AI-1", "action": "…", "owner": "…", "due": "2026-06-05", "status": "open",
///                      "completedAt": null, "reason": null}],
///     "postMortemScheduledFor": "…", "postMortemPublishedAt": null, "mergedInto": null,
///     "dedupKey": "checkout/error-rate", "joinedAlerts": 2, "alertClearedAt": null
///   },
///   "policy": {"contentHash": "sha256:…", "recordedHash": "sha256:…", "matches": true},
///   "evaluation": {
///     "evaluatedAt": "…", "nextWakeUp": "…",
///     "obligations": [{"key": "respond:comms-lead", "kind": "respond", "dueAt": "…", "state": "metLate",
///                      "metAt": "…", "lateBy": "PT2M", "cancelledAt": null, "rule": "SEV-1.respond", "reason": "…"}]
///   },
///   "violations": [{"rule": "commander.required", "eventIndex": 6, "reason": "…"}]
/// }
/// </code>
/// <para>Instants are ISO 8601 UTC ending in <c>Z</c> (<c>2026-05-29T04:02:00Z</c>, a fraction only when it is not
/// zero), durations ISO 8601 (<c>PT2M</c>), dates <c>yyyy-MM-dd</c>, enumeration values camelCase as in policy files
/// and event logs (<c>metLate</c>, <c>wontDo</c>, <c>firstExternalUpdate</c>). The incident's part is its state after
/// all its events; <c>evaluation</c> is what the policy says at <c>evaluatedAt</c> (only events up to then count) —
/// obligations ordered by due instant, then key, as <see cref="Evaluation.Obligations"/> has them.
/// <c>policy.contentHash</c> is the hash of the policy evaluated with, <c>policy.recordedHash</c> the one the alert
/// recorded (or <c>null</c>), and <c>policy.matches</c> whether they agree (true when none was recorded).
/// <c>violations</c> are the lifecycle rules a lenient replay found broken, in log order. <c>dedupKey</c> is the
/// opening alert's dedup key, <c>joinedAlerts</c> how many alerts joined since, <c>alertClearedAt</c> when the alert
/// source last said it cleared (null when it has not, or fired again since); <c>policy.recordedHash</c> is the last
/// adopted policy's hash when the incident adopted one.</para>
/// <para>Text is written as is (no escaping of non-ASCII characters), two-space indentation, <c>\n</c> line ends, no
/// trailing line break. Keys may be added to a format version; a key is never removed or changed in meaning without
/// a new <see cref="FormatVersion"/>. All members are pure and thread-safe.</para>
/// </remarks>
public static class IncidentJson
{
    /// <summary>The format version this library writes: <c>"formatVersion": 1</c>.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes the evaluated incident and no violations.</summary>
    /// <param name="evaluation">An evaluation, from <see cref="Obligations.PolicyEvaluation.Evaluate"/>; its incident is written.</param>
    /// <returns>The JSON text, indented, without a trailing line break.</returns>
    public static string Serialize(Evaluation evaluation) => Serialize(evaluation, []);

    /// <summary>Writes the evaluated incident and the violations its replay found.</summary>
    /// <param name="evaluation">An evaluation, from <see cref="Obligations.PolicyEvaluation.Evaluate"/>; its incident is written.</param>
    /// <param name="violations">The violations of a lenient replay (<see cref="ReplayResult.Violations"/>), in log order.</param>
    /// <returns>The JSON text, indented, without a trailing line break.</returns>
    public static string Serialize(Evaluation evaluation, IEnumerable<Violation> violations)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(violations);
        var incident = evaluation.Incident;
        var document = new IncidentStateDocument
        {
            FormatVersion = FormatVersion,
            Incident = new IncidentPartDocument
            {
                Id = incident.Id,
                Status = HumanText.CamelCase(incident.Status),
                Version = incident.Version,
                Severity = incident.SeverityId,
                Title = incident.Title,
                Summary = incident.Summary,
                Service = incident.Service,
                Channel = incident.ChannelName,
                AlertAt = incident.AlertAt,
                LastEventAt = incident.LastEventAt,
                AcknowledgedAt = incident.AcknowledgedAt,
                AcknowledgedBy = incident.AcknowledgedBy,
                OnCallResponder = incident.OnCallResponder,
                DeclaredAt = incident.DeclaredAt,
                MitigatedAt = incident.MitigatedAt,
                ResolvedAt = incident.ResolvedAt,
                ClosedAt = incident.ClosedAt,
                Commander = incident.Commander,
                Roles = incident.RoleAssignments.Select(r => new RoleAssignmentDocument { Role = r.Role, Person = r.Person, AssignedAt = r.AssignedAt }).ToList(),
                Impacts = incident.Impacts.Select(i => new ImpactFigureDocument { Metric = i.Metric, Value = i.Value, Unit = i.Unit, RecordedAt = i.RecordedAt }).ToList(),
                Flags = [.. incident.Flags],
                Restricted = incident.IsRestricted,
                ActionItems = incident.ActionItems.Select(a => new ActionItemStateDocument
                {
                    Id = a.Id,
                    Action = a.Action,
                    Owner = a.Owner,
                    Due = a.Due.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture),
                    Status = HumanText.CamelCase(a.Status),
                    CompletedAt = a.CompletedAt,
                    Reason = a.Reason,
                }).ToList(),
                PostMortemScheduledFor = incident.PostMortemScheduledFor,
                PostMortemPublishedAt = incident.PostMortemPublishedAt,
                MergedInto = incident.MergedInto,
                DedupKey = incident.DedupKey,
                JoinedAlerts = incident.JoinedAlerts,
                AlertClearedAt = incident.AlertClearedAt,
            },
            Policy = new PolicyMatchDocument
            {
                ContentHash = incident.Policy.ContentHash,
                RecordedHash = incident.PolicyHash,
                Matches = incident.PolicyHash is null || incident.PolicyHash == incident.Policy.ContentHash,
            },
            Evaluation = new EvaluationDocument
            {
                EvaluatedAt = evaluation.EvaluatedAt,
                NextWakeUp = evaluation.NextWakeUp,
                Obligations = evaluation.Obligations.Select(o => new ObligationStateDocument
                {
                    Key = o.Key,
                    Kind = HumanText.CamelCase(o.Kind),
                    DueAt = o.DueAt,
                    State = HumanText.CamelCase(o.State),
                    MetAt = o.MetAt,
                    LateBy = o.LateBy,
                    CancelledAt = o.CancelledAt,
                    Rule = o.RuleId,
                    Reason = o.Reason,
                }).ToList(),
            },
            Violations = violations.Select(v => new ViolationDocument { Rule = v.RuleId, EventIndex = v.EventIndex, Reason = v.Reason }).ToList(),
        };
        return JsonSerializer.Serialize(document, ReportJson.Writer.IncidentStateDocument);
    }
}
