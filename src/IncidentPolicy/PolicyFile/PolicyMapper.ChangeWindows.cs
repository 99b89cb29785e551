using IncidentPolicy.Changes;
using NodaTime;

namespace IncidentPolicy;

internal static partial class PolicyMapper
{
    /// <summary>
    /// Reads the <c>changeWindows</c> section, checking approving roles against the document's roles (when those could
    /// be read). Returns the windows, or <see langword="null"/> when the section is absent (the policy keeps the seed's
    /// freeze) or invalid (with problems).
    /// </summary>
    private static List<ChangeWindow>? ReadChangeWindowsSection(PolicyDocument document, List<Role?>? roles, ProblemList problems)
    {
        const string path = "$.changeWindows";
        if (document.ChangeWindows is null)
        {
            return null;
        }

        var before = problems.Problems.Count;
        var windows = new List<ChangeWindow?>();
        for (var i = 0; i < document.ChangeWindows.Count; i++)
        {
            windows.Add(ReadChangeWindow(document.ChangeWindows[i], problems, ProblemList.Index(path, i)));
        }

        Escalation.EscalationIds.CheckUnique(document.ChangeWindows.Select((w, i) => (w?.Id, ProblemList.Index(path, i))), problems);
        if (roles is not null && roles.All(r => r is not null))
        {
            var known = roles.Select(r => r!.Id).ToList();
            for (var i = 0; i < document.ChangeWindows.Count; i++)
            {
                for (var j = 0; j < (document.ChangeWindows[i]?.ApprovedBy?.Count ?? 0); j++)
                {
                    if (document.ChangeWindows[i]!.ApprovedBy![j] is { Length: > 0 } role && !known.Contains(role, StringComparer.Ordinal))
                    {
                        problems.Add($"{path}[{i}].approvedBy[{j}]", ResponsePolicy.UnknownRoleReason(role, known));
                    }
                }
            }
        }

        return problems.Problems.Count == before ? windows.ConvertAll(w => w!) : null;
    }

    private static List<ChangeWindowDocument?> ToDocument(IReadOnlyList<ChangeWindow> windows) =>
        windows.Select(w => (ChangeWindowDocument?)new ChangeWindowDocument
        {
            Id = w.Id,
            Days = w.Days.Select(d => (string?)Calendars.BusinessCalendar.DayName(d)).ToList(),
            From = IsoText.FormatLocalTime(w.From),
            To = w.To == LocalTime.Midnight ? "24:00" : IsoText.FormatLocalTime(w.To),
            TimeZone = w.Zone?.Id,
            ApprovedBy = w.ApprovedBy.Select(r => (string?)r).ToList(),
            Reason = w.Reason,
        }).ToList();

    private static ChangeWindow? ReadChangeWindow(ChangeWindowDocument? document, ProblemList problems, string path)
    {
        if (document is null)
        {
            problems.Add(path, "a change window must be an object {id, days, from, to, timeZone, approvedBy, reason}, not null");
            return null;
        }

        var before = problems.Problems.Count;
        CheckUnknownKeys(document.Unknown, PolicyJsonContext.Default.ChangeWindowDocument, problems, path);
        var days = ReadDays(document.Days, problems, ProblemList.Join(path, "days"));

        if (!IsoText.TryParseLocalTime(document.From, allowEndOfDay: false, out var from, out _, out var fromReason))
        {
            problems.AddUnreadable(ProblemList.Join(path, "from"), fromReason);
        }

        // 24:00 reads as midnight, which as an end time means the next midnight.
        if (!IsoText.TryParseLocalTime(document.To, allowEndOfDay: true, out var to, out _, out var toReason))
        {
            problems.AddUnreadable(ProblemList.Join(path, "to"), toReason);
        }

        var zone = document.TimeZone is null ? null : ReadZone(document.TimeZone, problems, ProblemList.Join(path, "timeZone"));
        if (document.ApprovedBy is null)
        {
            problems.AddMissing(ProblemList.Join(path, "approvedBy"), "a list of role ids is required ([] for a freeze nobody can lift)");
        }

        ChangeWindow.Validate(document.Id, days, document.ApprovedBy ?? [], document.Reason, problems, path);
        return problems.Problems.Count == before
            ? Build(problems, path, () => new ChangeWindow(document.Id!, days.Select(d => d!.Value), from, to, document.ApprovedBy!.Select(r => r!), document.Reason!, zone))
            : null;
    }
}
