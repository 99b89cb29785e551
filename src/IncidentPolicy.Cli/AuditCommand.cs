using System.CommandLine;
using IncidentPolicy.Cli.Json;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Cli;

/// <summary>
/// <c>audit TIMELINE [--policy FILE] [--at INSTANT] [--zone ZONE | --local] [--format text|json] [--fail-on-findings]</c>: what an incident met,
/// met late and missed. Exits 0 with the report (1 with <c>--fail-on-findings</c> when anything was late, overdue or
/// broke a rule); 1 when the log or policy is invalid.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var timeline = new Argument<string>("TIMELINE") { Description = "The incident's event log (JSON Lines or a document)." };
        var policyFile = Options.PolicyFile();
        var time = new TimeOptions();
        var at = time.Instant("--at", "The audit instant; the last event when omitted.");
        var format = Options.Format();
        var failOnFindings = new Option<bool>("--fail-on-findings") { Description = "Exit 1 when an obligation was met late or is overdue, or a lifecycle rule was broken." };
        var command = new Command("audit", "Audit an incident's event log against the policy: obligations met, met late, overdue or cancelled; violations; time-to metrics.")
        {
            timeline, policyFile, at, format, failOnFindings,
        };
        time.AddTo(command);
        command.SetAction(parseResult =>
        {
            if (!CliApp.TryLoadPolicy(parseResult.GetValue(policyFile), stderr, out var policy)
                || !CliApp.TryReadTimeline(parseResult.GetValue(timeline)!, stderr, out var id, out var events))
            {
                return ExitCodes.InvalidInput;
            }

            var report = policy.Audit(id, events, parseResult.GetResult(at) is null ? null : parseResult.GetValue(at));
            var clock = time.Output(parseResult, policy);
            if (parseResult.GetValue(format) == "json")
            {
                stdout.WriteLine(AuditJson.Serialize(report, clock));
            }
            else
            {
                WriteText(report, clock, stdout);
            }

            return parseResult.GetValue(failOnFindings) && report.HasFindings ? ExitCodes.InvalidInput : ExitCodes.Success;
        });
        return command;
    }

    private static void WriteText(AuditReport report, CliTime clock, TextWriter stdout)
    {
        var incident = report.Incident;
        stdout.WriteLine($"{incident.Id}  {incident.SeverityId ?? "(no severity)"}  {Text.Camel(incident.Status)}  audited at {clock.Format(report.EvaluatedAt)}");
        if (!report.PolicyMatches)
        {
            stdout.WriteLine($"note: the alert recorded policy {incident.PolicyHash}; audited with {incident.Policy.ContentHash}");
        }

        stdout.WriteLine();
        var obligations = report.Evaluation.Obligations;
        var keyWidth = Math.Max(10, obligations.Select(o => o.Key.Length).DefaultIfEmpty(0).Max());
        stdout.WriteLine($"  {"",-2} {"obligation".PadRight(keyWidth)}  {"state",-9}  {"due".PadRight(clock.Width)}  {"met".PadRight(clock.Width)}  late by");
        foreach (var o in obligations)
        {
            var mark = o.State switch
            {
                ObligationState.Overdue => "✗",
                ObligationState.MetLate => "!",
                ObligationState.Met => "✓",
                ObligationState.Cancelled => "–",
                _ => "…",
            };
            var state = o.State switch
            {
                ObligationState.Overdue => "OVERDUE",
                ObligationState.MetLate => "MET LATE",
                _ => Text.Camel(o.State),
            };
            var met = o.MetAt is { } m ? clock.Format(m) : "";
            var late = o.LateBy is { } l ? (l == NodaTime.Duration.Zero ? "due now" : TextFormats.Format(l)) : "";
            stdout.WriteLine($"  {mark,-2} {o.Key.PadRight(keyWidth)}  {state,-9}  {clock.Format(o.DueAt).PadRight(clock.Width)}  {met.PadRight(clock.Width)}  {late}");
        }

        stdout.WriteLine();
        var counts = obligations.GroupBy(o => o.State).ToDictionary(g => g.Key, g => g.Count());
        stdout.WriteLine($"met {counts.GetValueOrDefault(ObligationState.Met)}, met late {counts.GetValueOrDefault(ObligationState.MetLate)}, overdue {counts.GetValueOrDefault(ObligationState.Overdue)}, pending {counts.GetValueOrDefault(ObligationState.Pending)}, cancelled {counts.GetValueOrDefault(ObligationState.Cancelled)}");
        var metrics = report.Metrics;
        stdout.WriteLine($"time to acknowledge {Show(metrics.TimeToAcknowledge)}, declare {Show(metrics.TimeToDeclare)}, first status-page update {Show(metrics.TimeToFirstExternalUpdate)}, mitigate {Show(metrics.TimeToMitigate)}, resolve {Show(metrics.TimeToResolve)}");
        stdout.WriteLine(report.Violations.Count == 0 ? "violations none" : $"violations {report.Violations.Count}");
        foreach (var violation in report.Violations)
        {
            stdout.WriteLine($"  {violation}");
        }

        stdout.WriteLine($"next wake-up {(report.Evaluation.NextWakeUp is { } w ? clock.Format(w) : "none")}");
    }

    private static string Show(NodaTime.Duration? duration) => duration is { } d ? TextFormats.Format(d) : "-";
}
