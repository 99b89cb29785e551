using System.CommandLine;
using NodaTime;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Cli;

/// <summary>
/// <c>simulate TIMELINE --until INSTANT [--zone ZONE | --local] [--policy FILE]</c>: steps through time from the alert, event by event and
/// wake-up by wake-up, printing each obligation as it appears, falls due, is met or is cancelled — a what-if tool for
/// policy authors.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var timeline = new Argument<string>("TIMELINE") { Description = "The incident's event log (JSON Lines or a document)." };
        var time = new TimeOptions();
        var until = time.Instant("--until", "Simulate up to this instant.");
        until.Required = true;
        var policyFile = Options.PolicyFile();
        var command = new Command("simulate", "Step from wake-up to wake-up and print each obligation as it falls due.") { timeline, until, policyFile };
        time.AddTo(command);
        command.SetAction(parseResult =>
        {
            if (!CliApp.TryLoadPolicy(parseResult.GetValue(policyFile), stderr, out var policy)
                || !CliApp.TryReadTimeline(parseResult.GetValue(timeline)!, stderr, out var id, out var events))
            {
                return ExitCodes.InvalidInput;
            }

            var incident = Incident.ReplayLenient(policy, id, events).Incident;
            var clock = time.Output(parseResult, policy);
            var end = parseResult.GetValue(until);
            var log = incident.Events;
            var cursor = 0;
            var previous = new Dictionary<string, ObligationState>();
            var t = incident.AlertAt;
            var steps = 0;
            while (t <= end && steps++ < 10_000)
            {
                var evaluation = policy.Evaluate(incident, t);

                // The log is in time order and t only moves forward: one cursor walks it once, whatever its length.
                while (cursor < log.Count && log[cursor].At <= t)
                {
                    if (log[cursor].At == t)
                    {
                        stdout.WriteLine($"{clock.Format(t)}  event   {log[cursor].Type} by {log[cursor].By}");
                    }

                    cursor++;
                }

                foreach (var obligation in evaluation.Obligations)
                {
                    if (!previous.TryGetValue(obligation.Key, out var before) || before != obligation.State)
                    {
                        var what = before == default && !previous.ContainsKey(obligation.Key) ? $"new {Text.Camel(obligation.State)}" : Text.Camel(obligation.State);
                        stdout.WriteLine($"{clock.Format(t)}  {what,-11} {obligation.Key} (due {clock.Format(obligation.DueAt)})");
                        previous[obligation.Key] = obligation.State;
                    }
                }

                Instant? nextEvent = cursor < log.Count ? log[cursor].At : null;
                var next = (evaluation.NextWakeUp, nextEvent) switch
                {
                    ({ } w, { } e) => Instant.Min(w, e),
                    ({ } w, null) => w,
                    (null, { } e) => e,
                    _ => (Instant?)null,
                };
                if (next is null)
                {
                    stdout.WriteLine($"{clock.Format(t)}  nothing more falls due without a new event");
                    break;
                }

                t = next.Value;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
