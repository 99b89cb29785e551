using System.CommandLine;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.PostMortems;

namespace IncidentPolicy.Cli;

/// <summary>
/// <c>postmortem TIMELINE [--authored FILE.md] [--policy FILE]</c>: the post-mortem of an incident in the seed's Markdown
/// layout — title, duration, severity, impact, commander and timeline from the event log; root cause, contributing
/// factors, action items and lessons learned from an authored Markdown file when given (e.g. last version's output).
/// </summary>
internal static class PostMortemCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var timeline = new Argument<string>("TIMELINE") { Description = "The incident's event log (JSON Lines or a document)." };
        var authored = new Option<string?>("--authored") { Description = "A post-mortem Markdown file whose authored sections (root cause, contributing factors, action items, lessons learned) to keep." };
        var policyFile = Options.PolicyFile();
        var command = new Command("postmortem", "Print the incident's post-mortem as Markdown in the seed's layout.") { timeline, authored, policyFile };
        command.SetAction(parseResult =>
        {
            if (!CliApp.TryLoadPolicy(parseResult.GetValue(policyFile), stderr, out var policy)
                || !CliApp.TryReadTimeline(parseResult.GetValue(timeline)!, stderr, out var id, out var events))
            {
                return ExitCodes.InvalidInput;
            }

            var postMortem = PostMortem.From(Incident.ReplayLenient(policy, id, events).Incident);
            if (parseResult.GetValue(authored) is { } path)
            {
                string markdown;
                try
                {
                    markdown = File.ReadAllText(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"{path}: cannot read: {e.Message}");
                    return ExitCodes.InvalidInput;
                }

                postMortem = postMortem.WithSections(PostMortemMarkdown.Parse(markdown));
            }

            stdout.Write(postMortem.ToMarkdown());
            return ExitCodes.Success;
        });
        return command;
    }
}
