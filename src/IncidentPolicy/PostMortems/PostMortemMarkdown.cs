using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using IncidentPolicy.Lifecycle;
using NodaTime;
using NodaTime.Text;

namespace IncidentPolicy.PostMortems;

/// <summary>
/// Post-mortems as Markdown in the seed's layout, and back: teams keep post-mortems as files in their repositories,
/// edit the authored sections, and read them back onto a post-mortem built from the log.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class PostMortemMarkdown
{
    private static readonly LocalDatePattern TitleDate = LocalDatePattern.Create("MMM d, uuuu", CultureInfo.InvariantCulture);
    private static readonly LocalDatePattern ShortDate = LocalDatePattern.Create("MMM d", CultureInfo.InvariantCulture);

    // A due date without a year is read in a leap year, so that "Feb 29" is a day of some year.
    private static readonly LocalDatePattern ShortDateInLeapYear = ShortDate.WithTemplateValue(new LocalDate(2000, 1, 1));
    private static readonly LocalTimePattern TwelveHour = LocalTimePattern.Create("h:mm tt", CultureInfo.InvariantCulture);
    private static readonly LocalTimePattern TwentyFourHour = LocalTimePattern.Create("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Renders the post-mortem in the seed's layout: the title line <c>## Post-Mortem: Title - May 29, 2026</c>;
    /// the bold fields Duration (<c>45 minutes (04:02 - 04:47 UTC)</c>, or <c>(4:02 AM - 4:47 AM UTC)</c> on the
    /// 12-hour <see cref="PostMortem.Clock"/>; the zone's abbreviation at the instants,
    /// the end's date added when it is another day; "ongoing" before resolution), Severity, Impact and Incident
    /// Commander; then the sections Timeline (<c>- 04:02: …</c>, <c>- 4:02 AM: …</c> on the 12-hour clock), Root Cause, Contributing Factors (numbered),
    /// Action Items (the <c>| # | Action | Owner | Due Date |</c> table, dates like <c>Jun 5</c>, with the year
    /// when not within a year after the incident's date, blank when missing; <c>|</c> escaped) and Lessons Learned
    /// (bullets). Sections are separated by an empty line; lines end with <c>\n</c>, the text with one.
    /// Action item statuses are not shown: the table is the seed's; the log tracks them.
    /// </summary>
    /// <param name="postMortem">The post-mortem.</param>
    /// <returns>The Markdown; the same post-mortem always gives the same text.</returns>
    public static string Render(PostMortem postMortem)
    {
        ArgumentNullException.ThrowIfNull(postMortem);
        var md = new StringBuilder(2048);
        var date = postMortem.Date;
        md.Append("## Post-Mortem: ").Append(postMortem.Title).Append(" - ").Append(TitleDate.Format(date)).Append('\n');
        md.Append('\n');
        md.Append("**Duration**: ").Append(DurationText(postMortem)).Append('\n');
        md.Append("**Severity**: ").Append(postMortem.SeverityId ?? "not assessed").Append('\n');
        md.Append("**Impact**: ").Append(postMortem.Impact).Append('\n');
        md.Append("**Incident Commander**: ").Append(postMortem.Commander ?? "none").Append('\n');
        md.Append('\n');
        md.Append("### Timeline\n");
        var clock = ClockOf(postMortem);
        foreach (var entry in postMortem.Timeline)
        {
            md.Append("- ").Append(clock.Format(entry.LocalTime)).Append(": ").Append(entry.Text).Append('\n');
        }

        md.Append('\n');
        md.Append("### Root Cause\n");
        if (postMortem.RootCause.Length > 0)
        {
            md.Append(postMortem.RootCause).Append('\n');
        }

        md.Append('\n');
        md.Append("### Contributing Factors\n");
        for (var i = 0; i < postMortem.ContributingFactors.Length; i++)
        {
            md.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(". ").Append(postMortem.ContributingFactors[i]).Append('\n');
        }

        md.Append('\n');
        md.Append("### Action Items\n");
        md.Append("| # | Action | Owner | Due Date |\n");
        md.Append("|---|--------|-------|----------|\n");
        for (var i = 0; i < postMortem.ActionItems.Length; i++)
        {
            var item = postMortem.ActionItems[i];
            md.Append("| ").Append((i + 1).ToString(CultureInfo.InvariantCulture))
                .Append(" | ").Append(Cell(item.Action))
                .Append(" | ").Append(Cell(item.Owner))
                .Append(" | ").Append(DueText(item.Due, date))
                .Append(" |\n");
        }

        md.Append('\n');
        md.Append("### Lessons Learned\n");
        foreach (var lesson in postMortem.LessonsLearned)
        {
            md.Append("- ").Append(lesson).Append('\n');
        }

        return md.ToString();
    }

    /// <summary>
    /// Reads the authored sections back from Markdown in the layout <see cref="Render"/> writes: the title (without
    /// its date), the Incident Commander as shown, the root cause, the numbered contributing factors (<c>-</c> bullets
    /// accepted too), the action item table and the lessons learned. The facts taken from the log (duration, impact,
    /// timeline) are ignored: they come from the log. Line endings may be <c>\n</c> or <c>\r\n</c>; headings are
    /// matched ignoring case; unknown sections and lines outside a section are ignored, so reading never fails. A line
    /// of the root cause that starts with <c>### </c> or <c>## Post-Mortem:</c> is read as a heading, and one that
    /// starts with <c>**Incident Commander**:</c> as that field.
    /// Action items read are open, with ids <c>AI-</c> and the row's number; a due date without a year is the first
    /// such date on or after the title's date (<c>Feb 29</c>: in the next leap year), and one that cannot be read —
    /// not a real date (<c>Feb 30</c>), outside the supported dates <see cref="Limits.MinDate"/> …
    /// <see cref="Limits.MaxDate"/> (<c>Dec 31, 9999</c>, <c>Jan 1, 0000</c>), or without a year and without a title
    /// date — is <c>default(LocalDate)</c>, which <see cref="PostMortem.Check"/> reports as a missing due date. A title
    /// date outside the supported dates is taken off the title but not used for due dates.
    /// Parsing never throws for any text, and its cost grows linearly with the text's length.
    /// </summary>
    /// <param name="markdown">The Markdown.</param>
    /// <returns>The authored sections; <see cref="PostMortemSections.ActionItems"/> is null when there is no Action
    /// Items section.</returns>
    public static PostMortemSections Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        string? title = null, commander = null;
        LocalDate? date = null;
        var section = "";
        var rootCause = new List<string>();
        var factors = new ListItems();
        var lessons = new ListItems();
        ImmutableArray<ActionItem>.Builder? items = null;
        foreach (var raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            WorkMeter.Add(1);
            var line = raw.TrimEnd();
            var trimmed = line.Trim();
            if (trimmed.StartsWith("## Post-Mortem:", StringComparison.OrdinalIgnoreCase))
            {
                (title, date) = ReadTitle(trimmed["## Post-Mortem:".Length..].Trim());
                section = "";
            }
            else if (trimmed.StartsWith("### ", StringComparison.Ordinal))
            {
                section = trimmed[4..].Trim().ToLowerInvariant();
                if (section == "action items")
                {
                    items ??= ImmutableArray.CreateBuilder<ActionItem>();
                }
            }
            else if (trimmed.StartsWith("**Incident Commander**:", StringComparison.OrdinalIgnoreCase))
            {
                var value = trimmed["**Incident Commander**:".Length..].Trim();
                commander = value.Length == 0 || value == "none" ? null : value;
            }
            else if (section == "root cause")
            {
                // Blank lines inside the root cause are kept: it may have paragraphs.
                rootCause.Add(line);
            }
            else if (trimmed.Length > 0)
            {
                switch (section)
                {
                    case "contributing factors":
                        factors.Read(trimmed, numbered: true);
                        break;
                    case "lessons learned":
                        lessons.Read(trimmed, numbered: false);
                        break;
                    case "action items" when items is not null:
                        ReadRow(items, trimmed, date);
                        break;
                    default:
                        break;
                }
            }
        }

        return new PostMortemSections
        {
            Title = title,
            Commander = commander,
            RootCause = string.Join('\n', rootCause).Trim('\n'),
            ContributingFactors = factors.ToImmutable(),
            ActionItems = items?.ToImmutable(),
            LessonsLearned = lessons.ToImmutable(),
        };
    }

    private static (string? Title, LocalDate? Date) ReadTitle(string text)
    {
        var dash = text.LastIndexOf(" - ", StringComparison.Ordinal);
        if (dash >= 0 && TitleDate.Parse(text[(dash + 3)..].Trim()) is { Success: true } parsed)
        {
            return (text[..dash].Trim(), Limits.Contains(parsed.Value) ? parsed.Value : null);
        }

        return (text.Length == 0 ? null : text, null);
    }

    /// <summary>
    /// The items of a list section as they are read: an item starts at a bullet (or a number, when
    /// <c>numbered</c>), and a line without one continues the item above it. The item being read is kept in a
    /// <see cref="StringBuilder"/>, so a long run of wrapped lines costs its length, not its length squared.
    /// </summary>
    private sealed class ListItems
    {
        private readonly ImmutableArray<string>.Builder _items = ImmutableArray.CreateBuilder<string>();
        private StringBuilder? _current;

        public void Read(string line, bool numbered)
        {
            if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal))
            {
                Start(line[2..].Trim());
                return;
            }

            var dot = line.IndexOf(". ", StringComparison.Ordinal);
            if (numbered && dot > 0 && line.AsSpan(0, dot).IndexOfAnyExceptInRange('0', '9') < 0)
            {
                Start(line[(dot + 2)..].Trim());
            }
            else
            {
                // A wrapped line continues the item above it; before the first item it is ignored.
                _current?.Append(' ').Append(line);
            }
        }

        public ImmutableArray<string> ToImmutable()
        {
            Finish();
            return _items.ToImmutable();
        }

        private void Start(string text)
        {
            Finish();
            _current = new StringBuilder(text);
        }

        private void Finish()
        {
            if (_current is not null)
            {
                _items.Add(_current.ToString());
                _current = null;
            }
        }
    }

    private static void ReadRow(ImmutableArray<ActionItem>.Builder items, string line, LocalDate? date)
    {
        if (!line.StartsWith('|'))
        {
            return;
        }

        var cells = SplitRow(line);
        if (cells.Count < 4 || cells[0] == "#" || cells.All(c => c.Length > 0 && c.All(ch => ch is '-' or ':')))
        {
            return;
        }

        var number = int.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : items.Count + 1;
        items.Add(new ActionItem(
            "AI-" + number.ToString(CultureInfo.InvariantCulture), cells[1], cells[2], ReadDue(cells[3], date), ActionItemStatus.Open, null, null));
    }

    private static List<string> SplitRow(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] == '|')
            {
                cell.Append('|');
                i++;
            }
            else if (line[i] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(line[i]);
            }
        }

        if (cell.ToString().Trim().Length > 0)
        {
            cells.Add(cell.ToString().Trim());
        }

        return cells;
    }

    /// <summary>A due date as written, or <c>default</c> when it cannot be read (see <see cref="Parse"/>).
    /// <paramref name="incidentDate"/> is within <see cref="Limits"/> when given.</summary>
    private static LocalDate ReadDue(string text, LocalDate? incidentDate)
    {
        if (TitleDate.Parse(text) is { Success: true } full)
        {
            return Limits.Contains(full.Value) ? full.Value : default;
        }

        if (incidentDate is { } from && ShortDateInLeapYear.Parse(text) is { Success: true } dayOfYear)
        {
            // The first year from the incident's on whose calendar the day falls on or after the incident's date.
            var (month, day) = (dayOfYear.Value.Month, dayOfYear.Value.Day);
            for (var year = from.Year; year <= Limits.MaxDate.Year; year++)
            {
                if (day <= CalendarSystem.Iso.GetDaysInMonth(year, month) && new LocalDate(year, month, day) is var due && due >= from)
                {
                    return due;
                }
            }
        }

        return default;
    }

    private static string DueText(LocalDate due, LocalDate incidentDate) =>
        due == default ? ""
        : due >= incidentDate && (incidentDate.Year >= CalendarSystem.Iso.MaxYear || due < incidentDate.PlusYears(1)) ? ShortDate.Format(due)
        : TitleDate.Format(due);

    private static string Cell(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Replace("|", "\\|", StringComparison.Ordinal);

    private static LocalTimePattern ClockOf(PostMortem postMortem) =>
        postMortem.Clock == PostMortemClock.TwelveHour ? TwelveHour : TwentyFourHour;

    private static string DurationText(PostMortem postMortem)
    {
        var clock = ClockOf(postMortem);
        var zone = postMortem.Zone;
        var start = postMortem.Incident.AlertAt.InZone(zone);
        var startAbbreviation = zone.GetZoneInterval(start.ToInstant()).Name;
        if (postMortem.Incident.ResolvedAt is not { } resolvedAt || postMortem.Duration is not { } duration)
        {
            return $"ongoing (since {clock.Format(start.TimeOfDay)} {startAbbreviation})";
        }

        var end = resolvedAt.InZone(zone);
        var endAbbreviation = zone.GetZoneInterval(resolvedAt).Name;
        var endText = clock.Format(end.TimeOfDay) + (end.Date == start.Date ? "" : " " + ShortDate.Format(end.Date));
        var range = startAbbreviation == endAbbreviation
            ? $"{clock.Format(start.TimeOfDay)} - {endText} {endAbbreviation}"
            : $"{clock.Format(start.TimeOfDay)} {startAbbreviation} - {endText} {endAbbreviation}";
        return $"{HumanText.Describe(duration)} ({range})";
    }
}
