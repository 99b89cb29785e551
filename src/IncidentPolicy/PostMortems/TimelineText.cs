using System.Globalization;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.PostMortems;

/// <summary>Turns an incident's events into timeline entries; the rules are documented on <see cref="PostMortem.Timeline"/>.</summary>
internal static class TimelineText
{
    public static TimelineEntry[] Build(Incident incident)
    {
        var zone = incident.Policy.Calendar.Zone;
        var entries = new List<TimelineEntry>();
        var events = incident.Events;
        var hadCommander = false;
        for (var start = 0; start < events.Count;)
        {
            var end = start;
            while (end < events.Count && events[end].At == events[start].At)
            {
                end++;
            }

            var group = events.Skip(start).Take(end - start).ToList();
            var phrases = new List<string>();
            var folds = group.Any(e => e is Mitigated or Resolved);
            var declaredWithCommander = group.Any(e => e is Declared) && group.Any(e => e is CommanderAssigned);
            foreach (var e in group)
            {
                switch (e)
                {
                    case AlertFired a:
                        phrases.Add($"Alert fires ({LowerFirst(a.Summary.Trim())})");
                        break;
                    case Acknowledged:
                        phrases.Add("On-call acknowledges, begins investigation");
                        break;
                    case Declared when declaredWithCommander:
                        phrases.Add("IC assigned");
                        break;
                    case Declared d:
                        phrases.Add($"Incident declared ({d.Severity})");
                        break;
                    case ChannelCreated:
                        phrases.Add("incident channel created");
                        break;
                    case CommanderAssigned when declaredWithCommander && !hadCommander:
                        hadCommander = true;
                        break;
                    case CommanderAssigned:
                        phrases.Add(hadCommander ? "IC handed over" : "IC assigned");
                        hadCommander = true;
                        break;
                    case RoleAssigned r:
                        phrases.Add($"{HumanText.Words(r.Role).Replace('-', ' ')} engaged");
                        break;
                    case SeverityChanged s:
                        phrases.Add($"Severity changed to {s.Severity}");
                        break;
                    case StatusUpdatePosted u when !folds:
                        phrases.Add(u.Audience == StatusAudience.External ? "Status page updated" : "Internal status update posted");
                        break;
                    case NoteAdded n when !string.IsNullOrWhiteSpace(n.Text):
                        phrases.Add(OneLine(n.Text));
                        break;
                    case Mitigated m:
                        phrases.Add(string.IsNullOrWhiteSpace(m.Summary) ? "Impact mitigated" : OneLine(m.Summary));
                        break;
                    case Resolved r:
                        phrases.Add(Resolution(r.Summary));
                        break;
                    case Reopened:
                        phrases.Add("Incident reopened");
                        break;
                    case AlertJoined j:
                        phrases.Add($"Alert fires again ({LowerFirst(j.Summary.Trim())})");
                        break;
                    case AlertCleared:
                        phrases.Add("Alert clears at its source");
                        break;
                    case PolicyAdopted p:
                        phrases.Add($"Policy {p.PolicyHash} adopted");
                        break;
                    default:
                        break;
                }
            }

            if (phrases.Count > 0)
            {
                var text = UpperFirst(phrases[0]) + string.Concat(phrases.Skip(1).Select(p => ", " + LowerFirst(p)));
                entries.Add(new TimelineEntry(events[start].At, events[start].At.InZone(zone).TimeOfDay, text));
            }

            start = end;
        }

        return [.. entries];
    }

    private static string Resolution(string? summary)
    {
        if (string.IsNullOrWhiteSpace(summary))
        {
            return "Incident resolved";
        }

        var text = OneLine(summary);
        return text.StartsWith("incident resolved", StringComparison.OrdinalIgnoreCase) || text.StartsWith("resolved", StringComparison.OrdinalIgnoreCase)
            ? text
            : "Incident resolved, " + LowerFirst(text);
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    // "IC assigned" and "SEV-1 declared" keep their capitals: only a capital followed by a lower-case letter is lowered.
    internal static string LowerFirst(string text) =>
        text.Length >= 2 && char.IsUpper(text[0]) && char.IsLower(text[1])
            ? char.ToLower(text[0], CultureInfo.InvariantCulture) + text[1..]
            : text;

    internal static string UpperFirst(string text) =>
        text.Length >= 1 && char.IsLower(text[0]) ? char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..] : text;
}
