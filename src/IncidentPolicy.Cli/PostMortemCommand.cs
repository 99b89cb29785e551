using System.CommandLine;
using System.Globalization;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.PostMortems;
using NodaTime.Text;

namespace IncidentPolicy.Cli;

/// <summary>
/// <c>postmortem TIMELINE [--authored FILE.md] [--policy FILE] [--clock 24h|12h]</c>: the post-mortem of an incident in the
/// seed's Markdown layout, times of day on the 24-hour clock unless <c>--clock 12h</c> asks for the seed article's style — title, duration, severity, impact, commander and timeline from the event log; root cause, contributing
/// factors, action items and lessons learned from an authored Markdown file when given (e.g. last version's output).
/// </summary>
internal static class PostMortemCommand
{
    /// <summary>The title line's date as <c>PostMortemMarkdown</c> writes and reads it: <c>May 29, 2026</c>.</summary>
    private static readonly LocalDatePattern TitleDate = LocalDatePattern.Create("MMM d, uuuu", CultureInfo.InvariantCulture);

    private static readonly string DateRange = $"{CliApp.IsoDate(Limits.MinDate)} to {CliApp.IsoDate(Limits.MaxDate)}";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var timeline = new Argument<string>("TIMELINE") { Description = "The incident's event log (JSON Lines or a document)." };
        var authored = new Option<string?>("--authored") { Description = "A post-mortem Markdown file whose authored sections (root cause, contributing factors, action items, lessons learned) to keep." };
        var policyFile = Options.PolicyFile();
        var clock = new Option<string>("--clock") { Description = "Times of day on the 24-hour clock (04:02, the default) or the 12-hour clock (4:02 AM, the seed article's style).", DefaultValueFactory = _ => "24h" };
        clock.AcceptOnlyFromAmong("24h", "12h");
        var command = new Command("postmortem", "Print the incident's post-mortem as Markdown in the seed's layout.") { timeline, authored, policyFile, clock };
        command.SetAction(parseResult =>
        {
            if (!CliApp.TryLoadPolicy(parseResult.GetValue(policyFile), stderr, out var policy)
                || !CliApp.TryReadTimeline(parseResult.GetValue(timeline)!, stderr, out var id, out var events))
            {
                return ExitCodes.InvalidInput;
            }

            var postMortem = PostMortem.From(Incident.ReplayLenient(policy, id, events).Incident)
                .WithClock(parseResult.GetValue(clock) == "12h" ? PostMortemClock.TwelveHour : PostMortemClock.TwentyFourHour);
            if (parseResult.GetValue(authored) is { } path)
            {
                if (!InputFile.TryRead(path, InputFile.MaxMarkdownBytes, stderr, out var markdown))
                {
                    return ExitCodes.InvalidInput;
                }

                if (TitleDateOutOfRange(markdown) is { } titleProblem)
                {
                    stderr.WriteLine(Text.OneLine($"{path}: {titleProblem}"));
                    return ExitCodes.InvalidInput;
                }

                // The parser reads a due date it cannot read — not a date, or outside the supported range — as none
                // (its documented contract); say so rather than let the date vanish from the output unremarked.
                var sections = PostMortemMarkdown.Parse(markdown);
                foreach (var undated in sections.ActionItems?.Where(i => i.Due == default) ?? [])
                {
                    stderr.WriteLine(Text.OneLine($"warning: {path}: action item {undated.Id} has no due date that can be read (a date like Jun 5 or Jun 5, 2026 within {DateRange}); Rule 6 asks for one"));
                }

                postMortem = postMortem.WithSections(sections);
            }

            stdout.Write(postMortem.ToMarkdown());
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Where a <c>## Post-Mortem: TITLE - DATE</c> line dates the post-mortem outside the supported range, or
    /// null. The date anchors the action items' due dates, so one outside the range is bad input, refused before the
    /// Markdown is read.</summary>
    private static string? TitleDateOutOfRange(string markdown)
    {
        // Lines as PostMortemMarkdown splits them, so that the date checked is the date it would read.
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var trimmed = lines[number - 1].Trim();
            if (!trimmed.StartsWith("## Post-Mortem:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var dash = trimmed.LastIndexOf(" - ", StringComparison.Ordinal);
            var text = dash < 0 ? "" : trimmed[(dash + 3)..].Trim();
            if (TitleDate.Parse(text) is { Success: true } date && !Limits.Contains(date.Value))
            {
                return $"line {number}: the post-mortem's date {text} is outside the supported range {DateRange}";
            }
        }

        return null;
    }
}
