using System.Text.RegularExpressions;
using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.PostMortems;

public sealed partial class PostMortem
{
    /// <summary>
    /// Checks the post-mortem against the seed's rules and the incident's policy, returning every finding at once
    /// (an empty list when all is well):
    /// <list type="bullet">
    /// <item>errors — the severity's post-mortem rule requires action items and there are none (Rule 5); an action
    /// item has no owner or no due date (Rule 6); the post-mortem was scheduled later than the rule's window after
    /// resolution, or is still not scheduled at <paramref name="asOf"/> when the window has passed;</item>
    /// <item>warnings — a sentence of the root cause or of a contributing factor names a participant of the incident
    /// (Rule 4: blameless), quoting the sentence. Participants are the incident's <see cref="Incident.Participants"/>
    /// (the alert's source counts only when it also did something else, since it is usually a monitoring system), by
    /// id and by the name and first name the policy's people give them, and the commander's display name and its first
    /// word; names match as whole words, ignoring case.</item>
    /// </list>
    /// Findings come in that order; action items in their order.
    /// </summary>
    /// <param name="asOf">The instant to judge "not scheduled yet" at; the checks never read the clock.</param>
    /// <returns>The findings.</returns>
    public IReadOnlyList<PostMortemFinding> Check(Instant asOf)
    {
        var findings = new List<PostMortemFinding>();
        var rule = Incident.Severity?.PostMortem;
        if (rule is { ActionItemsRequiredBeforeClose: true } && ActionItems.IsEmpty)
        {
            findings.Add(new(PostMortemFindingCode.NoActionItems, PostMortemFindingLevel.Error,
                $"{SeverityId} requires a post-mortem with at least one action item, and this one has none."));
        }

        foreach (var item in ActionItems)
        {
            if (string.IsNullOrWhiteSpace(item.Owner))
            {
                findings.Add(new(PostMortemFindingCode.ActionItemWithoutOwner, PostMortemFindingLevel.Error,
                    $"Action item {item.Id} (\"{item.Action}\") has no owner; every action item needs one.", item.Id));
            }

            if (item.Due == default)
            {
                findings.Add(new(PostMortemFindingCode.ActionItemWithoutDueDate, PostMortemFindingLevel.Error,
                    $"Action item {item.Id} (\"{item.Action}\") has no due date; every action item needs one.", item.Id));
            }
        }

        // A window that would close past the last representable instant never closes: nothing is late or missing.
        if (rule is not null && Incident.ResolvedAt is { } resolved && resolved <= Instant.MaxValue - rule.SchedulingTimeLimit)
        {
            var dueAt = resolved + rule.SchedulingTimeLimit;
            var scheduled = Incident.Events.OfType<PostMortemScheduled>().FirstOrDefault(e => e.At >= resolved);
            if (scheduled is not null && scheduled.At > dueAt)
            {
                findings.Add(new(PostMortemFindingCode.ScheduledLate, PostMortemFindingLevel.Error,
                    $"The post-mortem was scheduled at {HumanText.Format(scheduled.At)}, {HumanText.Describe(scheduled.At - dueAt)} " +
                    $"after the {HumanText.Describe(rule.SchedulingTimeLimit)} window from resolution ({HumanText.Format(resolved)}) closed."));
            }
            else if (scheduled is null && asOf >= dueAt)
            {
                findings.Add(new(PostMortemFindingCode.NotScheduled, PostMortemFindingLevel.Error,
                    $"The post-mortem is not scheduled, and the {HumanText.Describe(rule.SchedulingTimeLimit)} window from resolution " +
                    $"({HumanText.Format(resolved)}) closed at {HumanText.Format(dueAt)}."));
            }
        }

        var names = ParticipantNames();
        CheckBlameless(findings, names, "rootCause", RootCause);
        for (var i = 0; i < ContributingFactors.Length; i++)
        {
            CheckBlameless(findings, names, $"contributingFactors[{i}]", ContributingFactors[i]);
        }

        return findings.AsReadOnly();
    }

    private List<string> ParticipantNames()
    {
        var events = Incident.Events;
        var alertSource = events.Count > 0 && events[0] is AlertFired fired ? fired.By : null;
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var person in Incident.Participants)
        {
            var alsoActed = events.Skip(1).Any(e => e.By == person) || Incident.RoleAssignments.Any(r => r.Person == person)
                || Incident.Commander == person;
            if (person != alertSource || alsoActed)
            {
                names.Add(person);
                if (Incident.Policy.FindPerson(person) is { } known)
                {
                    names.Add(known.Name);
                    names.Add(known.Name.Split(' ')[0]);
                }
            }
        }

        if (Commander is { } shown)
        {
            names.Add(shown);
            names.Add(shown.Split(' ')[0]);
        }

        names.RemoveWhere(n => n.Trim().Length < 2);
        return [.. names];
    }

    private static void CheckBlameless(List<PostMortemFinding> findings, List<string> names, string subject, string text)
    {
        if (names.Count == 0 || string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var sentence in SentenceEnd.Split(flat).Where(s => s.Length > 0))
        {
            var named = names.FirstOrDefault(n => Regex.IsMatch(sentence, @"(?<![\p{L}\p{N}])" + Regex.Escape(n.Trim()) + @"(?![\p{L}\p{N}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            if (named is not null)
            {
                findings.Add(new(PostMortemFindingCode.NamesParticipant, PostMortemFindingLevel.Warning,
                    $"This sentence names {named}, a participant of the incident; blameless post-mortems describe what the " +
                    $"system allowed, not who did it: \"{sentence}\"", subject, sentence));
            }
        }
    }

    private static readonly Regex SentenceEnd = new(@"(?<=[.!?])\s+", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
