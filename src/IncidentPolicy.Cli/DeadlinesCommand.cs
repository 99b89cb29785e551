using System.CommandLine;
using IncidentPolicy.Cli.Json;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Cli;

/// <summary><c>deadlines --severity SEV-3 --at 2026-03-27T14:00:00Z [--zone ZONE | --local] [--policy FILE] [--format text|json]</c>.</summary>
internal static class DeadlinesCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var severity = new Option<string>("--severity") { Description = "Severity id of the alert, e.g. SEV-1.", Required = true };
        var time = new TimeOptions();
        var at = time.Instant("--at", "When the alert fired, e.g. 2026-03-27T14:00:00Z.");
        at.Required = true;
        var policyFile = Options.PolicyFile();
        var format = Options.Format();

        var command = new Command("deadlines", "Print the deadlines an alert sets: acknowledge, respond, declare, assign commander, first status-page update.")
        {
            severity, at, policyFile, format,
        };
        time.AddTo(command);
        command.SetAction(parseResult =>
        {
            if (!CliApp.TryLoadPolicy(parseResult.GetValue(policyFile), stderr, out var policy))
            {
                return ExitCodes.InvalidInput;
            }

            var id = parseResult.GetValue(severity)!;
            var alertAt = parseResult.GetValue(at);
            if (!policy.Severities.TryGet(id, out var level))
            {
                stderr.WriteLine(Text.OneLine($"error: the policy has no severity '{id}'; it has {policy.Severities}"));
                return ExitCodes.BadArguments;
            }

            var deadlines = level.Deadlines(alertAt, policy.Calendar);
            var clock = time.Output(parseResult, policy);
            if (parseResult.GetValue(format) == "json")
            {
                stdout.WriteLine(DeadlinesJson.Serialize(level.Id, alertAt, deadlines, clock));
                return ExitCodes.Success;
            }

            stdout.WriteLine($"{level} alert at {clock.Format(alertAt)}; calendar {policy.Calendar}");
            var width = deadlines.Max(d => d.KindName.Length);
            foreach (var deadline in deadlines)
            {
                stdout.WriteLine($"  {deadline.KindName.PadRight(width)}  {clock.Format(deadline.DueAt)}  {deadline.Reason}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
