using System.Collections.Immutable;
using System.Globalization;
using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.PostMortems;

/// <summary>
/// A blameless post-mortem (the seed's Rule 4): the facts taken from an incident's log — title, date, duration,
/// severity, impact, Incident Commander, timeline — and the parts people write: root cause, contributing factors,
/// action items and lessons learned. Render it with <see cref="PostMortemMarkdown.Render"/> and check it against
/// the policy with <see cref="Check"/>.
/// </summary>
/// <remarks>
/// <para>Build one with <see cref="From"/>; the <c>With…</c> methods return a copy with one part replaced.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed partial class PostMortem
{
    private PostMortem(Incident incident, string title, string? commander, TimelineEntry[] timeline, string impact)
    {
        Incident = incident;
        Title = title;
        Commander = commander;
        Timeline = ImmutableArray.Create(timeline);
        Impact = impact;
        ActionItems = [.. incident.ActionItems];
    }

    private PostMortem(PostMortem other)
    {
        Incident = other.Incident;
        Title = other.Title;
        Commander = other.Commander;
        Timeline = other.Timeline;
        Impact = other.Impact;
        RootCause = other.RootCause;
        ContributingFactors = other.ContributingFactors;
        ActionItems = other.ActionItems;
        LessonsLearned = other.LessonsLearned;
        Clock = other.Clock;
    }

    /// <summary>The incident the post-mortem is about.</summary>
    public Incident Incident { get; }

    /// <summary>The title without the date, such as <c>Checkout Outage</c>. From the incident's title (or its alert's
    /// summary before one was given) with each word capitalised; override it with <see cref="WithTitle"/>.</summary>
    public string Title { get; private init; }

    /// <summary>The time zone times and dates are shown in: the policy calendar's zone.</summary>
    public DateTimeZone Zone => Incident.Policy.Calendar.Zone;

    /// <summary>The date of the incident: the alert's date in <see cref="Zone"/>.</summary>
    public LocalDate Date => Incident.AlertAt.InZone(Zone).Date;

    /// <summary>From the alert to the resolution, or null while the incident is not resolved.</summary>
    public Duration? Duration => Incident.ResolvedAt is { } resolved ? resolved - Incident.AlertAt : null;

    /// <summary>The severity id (<c>SEV-1</c>), or null when none was assessed.</summary>
    public string? SeverityId => Incident.SeverityId;

    /// <summary>
    /// The impact in words, from the incident's recorded impacts in the order first recorded, joined with
    /// <c>", "</c>: <c>failedCheckouts</c> reads "2,340 failed checkout attempts"; <c>revenueLoss</c> reads
    /// "estimated $47K lost revenue" (USD as <c>$</c>, EUR as <c>€</c>, GBP as <c>£</c>, any other unit as a suffix;
    /// thousands as <c>K</c> and millions as <c>M</c> with at most one decimal); any other metric reads
    /// <c>metric: 1,234 unit</c>. Numbers use the invariant culture. "not recorded" when there are none.
    /// </summary>
    public string Impact { get; }

    /// <summary>The Incident Commander as shown: the name the policy's people give the commander's person id (the id
    /// itself when the policy does not know them), or the display name given with <see cref="WithCommander"/>; null
    /// when there was none.</summary>
    public string? Commander { get; private init; }

    /// <summary>
    /// The timeline in the policy zone's local time, one entry per instant at which something meaningful happened:
    /// the alert, acknowledgement, declaration and the Incident Commander's assignment, the incident channel's
    /// creation (only when the log records it, <see cref="ChannelCreated"/>), roles engaged, severity changes, status
    /// updates, notes, mitigation, resolution and reopening, alerts that joined the incident ("Alert fires again"), the
    /// alert source clearing and a migration to another policy. Events at the same instant share an entry, their phrases
    /// joined with <c>", "</c>; a status update at the instant of a mitigation or resolution is folded into it (it
    /// announces it); a declaration together with the commander's assignment reads "IC assigned", followed by
    /// "incident channel created" when the channel's creation is recorded at that instant too. Impacts, flags,
    /// reminders, notifications and post-mortem events are left out.
    /// </summary>
    public ImmutableArray<TimelineEntry> Timeline { get; }

    /// <summary>How times of day are shown: <see cref="PostMortemClock.TwentyFourHour"/> (<c>04:02</c>) unless
    /// <see cref="WithClock"/> chose <see cref="PostMortemClock.TwelveHour"/> (<c>4:02 AM</c>, the seed article's
    /// en-US style).</summary>
    public PostMortemClock Clock { get; private init; } = PostMortemClock.TwentyFourHour;

    /// <summary>The root cause as written, lines joined with <c>\n</c>; empty until written.</summary>
    public string RootCause { get; private init; } = "";

    /// <summary>The contributing factors, in order.</summary>
    public ImmutableArray<string> ContributingFactors { get; private init; } = [];

    /// <summary>The action items: those of the incident's <c>actionItem*</c> events unless replaced with
    /// <see cref="WithActionItems"/>.</summary>
    public ImmutableArray<ActionItem> ActionItems { get; private init; }

    /// <summary>The lessons learned, in order.</summary>
    public ImmutableArray<string> LessonsLearned { get; private init; } = [];

    /// <summary>Builds the post-mortem's facts from an incident; the authored parts start empty, the action items are
    /// the incident's.</summary>
    /// <param name="incident">The incident, usually resolved.</param>
    /// <returns>The post-mortem.</returns>
    public static PostMortem From(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new PostMortem(
            incident,
            TitleCase(incident.Title ?? incident.Summary),
            incident.Commander is { } commander ? incident.Policy.FindPerson(commander)?.Name ?? commander : null,
            TimelineText.Build(incident),
            ImpactText.Describe(incident.Impacts));
    }

    /// <summary>Returns a copy with another title (without the date).</summary>
    /// <param name="title">The title, such as <c>Checkout Outage</c>; not blank; line breaks become spaces.</param>
    /// <returns>The copy.</returns>
    public PostMortem WithTitle(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        return new PostMortem(this) { Title = OneLine(title) };
    }

    /// <summary>Returns a copy showing the Incident Commander by a display name rather than a person id.</summary>
    /// <param name="displayName">The name, such as <c>Sarah K.</c>; not blank; line breaks become spaces.</param>
    /// <returns>The copy.</returns>
    public PostMortem WithCommander(string displayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        return new PostMortem(this) { Commander = OneLine(displayName) };
    }

    /// <summary>Returns a copy that shows times of day on another clock.</summary>
    /// <param name="clock">The clock: <see cref="PostMortemClock.TwentyFourHour"/> (the default) or
    /// <see cref="PostMortemClock.TwelveHour"/>, the seed article's style.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clock"/> is not a defined value.</exception>
    public PostMortem WithClock(PostMortemClock clock)
    {
        if (!Enum.IsDefined(clock))
        {
            throw new ArgumentOutOfRangeException(nameof(clock), clock, "Not a post-mortem clock.");
        }

        return new PostMortem(this) { Clock = clock };
    }

    /// <summary>Returns a copy with the root cause.</summary>
    /// <param name="rootCause">The root cause; line breaks are kept (normalised to <c>\n</c>), spaces at line ends and
    /// blank lines at either end are dropped.</param>
    /// <returns>The copy.</returns>
    public PostMortem WithRootCause(string rootCause)
    {
        ArgumentNullException.ThrowIfNull(rootCause);
        return new PostMortem(this) { RootCause = Normalise(rootCause) };
    }

    /// <summary>Returns a copy with the contributing factors.</summary>
    /// <param name="factors">The factors, in order; each on one line.</param>
    /// <returns>The copy.</returns>
    public PostMortem WithContributingFactors(IEnumerable<string> factors) =>
        new(this) { ContributingFactors = Lines(factors) };

    /// <summary>Returns a copy with other action items, replacing those of the incident's log.</summary>
    /// <param name="items">The items, in order.</param>
    /// <returns>The copy.</returns>
    public PostMortem WithActionItems(IEnumerable<ActionItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToImmutableArray();
        return array.Any(i => i is null)
            ? throw new ArgumentException("An action item is null.", nameof(items))
            : new PostMortem(this) { ActionItems = array };
    }

    /// <summary>Returns a copy with the lessons learned.</summary>
    /// <param name="lessons">The lessons, in order; each on one line.</param>
    /// <returns>The copy.</returns>
    public PostMortem WithLessonsLearned(IEnumerable<string> lessons) =>
        new(this) { LessonsLearned = Lines(lessons) };

    /// <summary>Returns a copy with the authored parts read from Markdown (<see cref="PostMortemMarkdown.Parse"/>):
    /// title and commander when given, root cause, contributing factors, lessons learned, and action items when
    /// given.</summary>
    /// <param name="sections">The authored parts.</param>
    /// <returns>The copy.</returns>
    public PostMortem WithSections(PostMortemSections sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var copy = WithRootCause(sections.RootCause)
            .WithContributingFactors(sections.ContributingFactors)
            .WithLessonsLearned(sections.LessonsLearned);
        copy = string.IsNullOrWhiteSpace(sections.Title) ? copy : copy.WithTitle(sections.Title);
        copy = string.IsNullOrWhiteSpace(sections.Commander) ? copy : copy.WithCommander(sections.Commander);
        return sections.ActionItems is { } items ? copy.WithActionItems(items) : copy;
    }

    /// <summary>The Markdown in the seed's layout; same as <see cref="PostMortemMarkdown.Render"/>.</summary>
    /// <returns>The Markdown.</returns>
    public string ToMarkdown() => PostMortemMarkdown.Render(this);

    // Trailing spaces would not survive a trip through Markdown, and blank lines at either end mean nothing.
    private static string Normalise(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd()))
            .Trim('\n');

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static ImmutableArray<string> Lines(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var line in lines)
        {
            if (line is null)
            {
                throw new ArgumentException("A line is null.", nameof(lines));
            }

            // One item is one Markdown line: line breaks inside it would break the list.
            var flat = string.Join(' ', line.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (flat.Length > 0)
            {
                builder.Add(flat);
            }
        }

        return builder.ToImmutable();
    }

    private static string TitleCase(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0
            ? "Incident"
            : string.Join(' ', words.Select(w => char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..]));
    }
}
