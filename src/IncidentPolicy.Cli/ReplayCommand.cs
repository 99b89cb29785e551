using System.CommandLine;
using IncidentPolicy.Cli.Json;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Cli;

/// <summary>
/// <c>replay TIMELINE [--policy FILE] [--zone ZONE | --local] [--format text|json]</c>: rebuilds an incident from its event log (JSON Lines or
/// a document) and prints its state and every rule the log broke. Exits 1 when the log is unreadable or breaks a rule.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var timeline = new Argument<string>("TIMELINE") { Description = "The incident's event log: JSON Lines or {\"formatVersion\":1,\"incident\":…,\"events\":[…]}." };
        var policyFile = Options.PolicyFile();
        var format = Options.Format();
        var time = new TimeOptions();
        var command = new Command("replay", "Rebuild an incident from its event log; print state, version, commander, roles, impacts, flags and violations.")
        {
            timeline, policyFile, format,
        };
        time.AddTo(command);
        command.SetAction(parseResult =>
        {
            if (!CliApp.TryLoadPolicy(parseResult.GetValue(policyFile), stderr, out var policy))
            {
                return ExitCodes.InvalidInput;
            }

            if (!CliApp.TryReadTimeline(parseResult.GetValue(timeline)!, stderr, out var id, out var events))
            {
                return ExitCodes.InvalidInput;
            }

            var replay = Incident.ReplayLenient(policy, id, events);
            var clock = time.Output(parseResult, policy);
            if (parseResult.GetValue(format) == "json")
            {
                stdout.WriteLine(ReplayJson.Serialize(replay, clock));
            }
            else
            {
                WriteText(replay, clock, stdout);
            }

            return replay.Violations.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }

    private static void WriteText(ReplayResult replay, CliTime clock, TextWriter stdout)
    {
        var incident = replay.Incident;
        stdout.WriteLine($"incident   {incident.Id}  {incident.ChannelName}");
        stdout.WriteLine($"status     {Text.Camel(incident.Status)} (version {incident.Version}, last event {clock.Format(incident.LastEventAt)})");
        stdout.WriteLine($"severity   {incident.SeverityId ?? "-"}{(incident.Title is { } title ? $"  \"{title}\"" : "")}");
        stdout.WriteLine($"commander  {incident.Commander ?? "-"}");
        stdout.WriteLine($"roles      {(incident.RoleAssignments.Count == 0 ? "-" : string.Join(", ", incident.RoleAssignments.Select(r => $"{r.Role}: {r.Person}")))}");
        stdout.WriteLine($"impacts    {(incident.Impacts.Count == 0 ? "-" : string.Join(", ", incident.Impacts.Select(i => $"{i.Metric} {i.Value}{(i.Unit is null ? "" : " " + i.Unit)}")))}");
        stdout.WriteLine($"flags      {(incident.Flags.Count == 0 ? "-" : string.Join(", ", incident.Flags))}");
        if (incident.PolicyHash is { } hash && hash != incident.Policy.ContentHash)
        {
            stdout.WriteLine($"policy     the alert recorded policy {hash}; replayed with {incident.Policy.ContentHash}");
        }

        stdout.WriteLine(replay.Violations.Count == 0 ? "violations none" : $"violations {replay.Violations.Count}");
        foreach (var violation in replay.Violations)
        {
            stdout.WriteLine($"  {violation}");
        }
    }
}
