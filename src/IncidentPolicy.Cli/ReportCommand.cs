using System.CommandLine;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Metrics;
using IncidentPolicy.Serialization;
using NodaTime;

namespace IncidentPolicy.Cli;

/// <summary>
/// <c>report DIR [--policy FILE] [--at INSTANT] [--format text|json]</c>: metrics over the event logs
/// (<c>*.json</c>, <c>*.jsonl</c>) of a folder. Logs are replayed leniently, as <c>audit</c> does, since they are real
/// history. Exits 0 with the metrics; 1 when the folder, a log or the policy is invalid.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("DIR") { Description = "A folder of event logs (*.json, *.jsonl), one incident each." };
        var policyFile = Options.PolicyFile();
        var at = Options.Instant("--at", "The instant to measure at, ISO 8601 UTC; the latest event of all logs when omitted.");
        var format = Options.Format();
        var command = new Command("report", "Metrics over a folder of event logs: time to acknowledge, mitigate and resolve by severity, on-time rate per obligation kind, action items.")
        {
            dir, policyFile, at, format,
        };
        command.SetAction(parseResult =>
        {
            var folder = parseResult.GetValue(dir)!;
            if (!Directory.Exists(folder))
            {
                stderr.WriteLine(Text.OneLine($"{folder}: no such folder"));
                return ExitCodes.InvalidInput;
            }

            if (!CliApp.TryLoadPolicy(parseResult.GetValue(policyFile), stderr, out var policy))
            {
                return ExitCodes.InvalidInput;
            }

            var files = Directory.EnumerateFiles(folder)
                .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            var incidents = new List<Incident>();
            foreach (var file in files)
            {
                if (!CliApp.TryReadTimeline(file, stderr, out var id, out var events))
                {
                    return ExitCodes.InvalidInput;
                }

                incidents.Add(Incident.ReplayLenient(policy, id, events).Incident);
            }

            var asOf = parseResult.GetResult(at) is null
                ? incidents.Select(i => i.LastEventAt).DefaultIfEmpty(Instant.MinValue).Max()
                : parseResult.GetValue(at);
            var metrics = IncidentMetrics.Compute(incidents, asOf);
            if (parseResult.GetValue(format) == "json")
            {
                stdout.WriteLine(MetricsJson.Serialize(metrics));
            }
            else
            {
                WriteText(metrics, stdout);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteText(IncidentMetrics metrics, TextWriter stdout)
    {
        stdout.WriteLine($"{metrics.Incidents} incidents, {metrics.Excluded} excluded (declined, merged or alerted later), as of {TextFormats.Format(metrics.AsOf)}");
        stdout.WriteLine();
        stdout.WriteLine($"  {"severity",-9} {"incidents",9}  {"ack mean",-9}  {"mitigate mean / median / p90",-30}  resolve mean / median / p90");
        foreach (var group in metrics.BySeverity.Append(metrics.All))
        {
            stdout.WriteLine($"  {group.SeverityId,-9} {group.Incidents,9}  {Show(group.TimeToAcknowledge.Mean),-9}  {Three(group.TimeToMitigate),-30}  {Three(group.TimeToResolve)}");
        }

        stdout.WriteLine();
        stdout.WriteLine("  on time by obligation kind (met / met late / overdue)");
        foreach (var rate in metrics.OnTime.Where(r => r.Decided > 0))
        {
            stdout.WriteLine($"  {Text.Camel(rate.Kind),-20} {Percent(rate.OnTimeRate),5}  {rate.Met} / {rate.MetLate} / {rate.Overdue}");
        }

        var items = metrics.ActionItems;
        stdout.WriteLine();
        stdout.WriteLine($"action items {items.Total}: done {items.Done}, won't do {items.WontDo}, open {items.Open}, overdue {items.Overdue}, completion {Percent(items.CompletionRate)}");
    }

    private static string Three(DurationStatistics s) => $"{Show(s.Mean)} / {Show(s.Median)} / {Show(s.P90)}";

    private static string Show(Duration? duration) => duration is { } d ? TextFormats.Format(d) : "-";

    private static string Percent(double? rate) =>
        rate is { } r ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r * 100:0}%") : "-";
}
