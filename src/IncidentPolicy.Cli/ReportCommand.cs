using System.CommandLine;
using IncidentPolicy.Cli.Json;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Metrics;
using IncidentPolicy.Serialization;
using NodaTime;

namespace IncidentPolicy.Cli;

/// <summary>
/// <c>report DIR [--policy FILE] [--at INSTANT] [--zone ZONE | --local] [--format text|json]</c>: metrics over the event logs
/// (<c>*.json</c>, <c>*.jsonl</c>) of a folder. Logs are replayed leniently, as <c>audit</c> does, since they are real
/// history. Exits 0 with the metrics; 1 when the folder, a log or the policy is invalid.
/// </summary>
internal static class ReportCommand
{
    /// <summary>The most bytes the logs of one folder may take together: 256 MiB (sixteen logs at the reader's limit,
    /// or some thousands of ordinary incidents), so that a report never holds an unbounded amount of history.</summary>
    public const long MaxTotalBytes = 256L * 1024 * 1024;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("DIR") { Description = "A folder of event logs (*.json, *.jsonl), one incident each." };
        var policyFile = Options.PolicyFile();
        var time = new TimeOptions();
        var at = time.Instant("--at", "The instant to measure at; the latest event of all logs when omitted.");
        var format = Options.Format();
        var command = new Command("report", "Metrics over a folder of event logs (at most 256 MiB together): time to acknowledge, mitigate and resolve by severity, on-time rate per obligation kind, action items.")
        {
            dir, policyFile, at, format,
        };
        time.AddTo(command);
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

            if (!TryListLogs(folder, stderr, out var files))
            {
                return ExitCodes.InvalidInput;
            }

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
            var clock = time.Output(parseResult, policy);
            if (parseResult.GetValue(format) == "json")
            {
                stdout.WriteLine(MetricsJson.Serialize(metrics, clock));
            }
            else
            {
                WriteText(metrics, clock, stdout);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The folder's event logs, in name order; false (and the reason printed) when it cannot be listed or
    /// its logs take more than <see cref="MaxTotalBytes"/>. Each log is also held to the reader's own 16 MiB.</summary>
    private static bool TryListLogs(string folder, TextWriter stderr, out List<string> files)
    {
        files = [];
        long total = 0;
        try
        {
            files = Directory.EnumerateFiles(folder)
                .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            foreach (var file in files)
            {
                var info = new FileInfo(file);
                total += info.Exists ? info.Length : 0;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            stderr.WriteLine(Text.OneLine($"{folder}: cannot list the folder: {e.Message}"));
            return false;
        }

        if (total > MaxTotalBytes)
        {
            stderr.WriteLine(Text.OneLine($"{folder}: its event logs take more than {MaxTotalBytes / (1024 * 1024)} MiB, the most report reads"));
            return false;
        }

        return true;
    }

    private static void WriteText(IncidentMetrics metrics, CliTime clock, TextWriter stdout)
    {
        stdout.WriteLine($"{metrics.Incidents} incidents, {metrics.Excluded} excluded (declined, merged or alerted later), as of {clock.Format(metrics.AsOf)}");
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
