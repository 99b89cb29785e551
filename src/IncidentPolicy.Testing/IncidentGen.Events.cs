using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Testing;

public static partial class IncidentGen
{
    private static readonly Instant EventLogStart = Instant.FromUtc(2026, 5, 29, 14, 0);

    // Text that must survive JSON escaping and line splitting: quotes, backslashes, line breaks, control
    // characters, the JavaScript line separators, non-ASCII and emoji (surrogate pairs).
    private static readonly string[] TextFragments =
        ["Checkout", " down", "\"quoted\"", "back\\slash", "line\nbreak", "cr\r\nlf", "tab\t", "\u0001", "\u2028", "€47K", "Ünïcödé",
         "😀", "👩‍💻", "<html>", "&amp;", "'", "{\"type\":\"closed\"}", "}", "\n", "/"];

    /// <summary>Non-blank text that must survive JSON escaping and line splitting: quotes, backslashes, line breaks,
    /// control characters, U+2028, non-ASCII, emoji and JSON-looking fragments.</summary>
    public static Gen<string> Text { get; } =
        from first in Gen.Elements(TextFragments.Where(f => !string.IsNullOrWhiteSpace(f)).ToArray())
        from rest in Gen.ArrayOf(Gen.Elements(TextFragments), 3)
        from count in Gen.Choose(0, 3)
        select first + string.Concat(rest.Take(count));

    private static readonly Gen<string?> OptionalText =
        Gen.Frequency((1, Gen.Constant((string?)null)), (1, Gen.Constant((string?)"")), (3, Text.Select(t => (string?)t)));

    /// <summary>Decimals with and without fractions and trailing zeros, small and at the type's limits.</summary>
    public static Gen<decimal> Decimals { get; } = Gen.OneOf(
        Gen.Elements(0m, 1m, 47000m, 2340m, 0.1m, 2.50m, -0.5m, 1e-28m, decimal.MaxValue, decimal.MinValue, 79228162514264337593543950.335m),
        Gen.Choose(-1_000_000, 1_000_000).Select(n => (decimal)n),
        from lo in Gen.Choose(0, int.MaxValue)
        from mid in Gen.Choose(0, int.MaxValue)
        from hi in Gen.Elements(0, 0, 1, 1000, int.MaxValue)
        from negative in Gen.Elements(true, false)
        from scale in Gen.Choose(0, 28)
        select new decimal(lo, mid, hi, negative, (byte)scale));

    private static readonly Gen<LocalDate> DueDates = Gen.Choose(0, 3650).Select(d => new LocalDate(2024, 1, 1).PlusDays(d));

    // Gaps between events: often none (equal instants keep log order), seconds, or fractions down to nanoseconds.
    private static readonly Gen<Duration> EventGaps = Gen.Frequency(
        (2, Gen.Constant(Duration.Zero)),
        (4, Gen.Choose(1, 3 * 3600).Select(s => Duration.FromSeconds(s))),
        (1, Gen.Choose(1, 999).Select(ms => Duration.FromMilliseconds(ms))),
        (1, Gen.Choose(1, 999_999_999).Select(ns => Duration.FromNanoseconds(ns))));

    private static readonly Gen<Func<Instant, string, IncidentEvent>>[] EventMakers =
    [
        from summary in Text from service in OptionalText from severity in OptionalText from hash in OptionalText
        select (Func<Instant, string, IncidentEvent>)((at, actor) => new AlertFired(at, actor, summary, service, severity, hash)),
        Gen.Constant<Func<Instant, string, IncidentEvent>>((at, actor) => new Acknowledged(at, actor)),
        from severity in Text from title in Text
        select (Func<Instant, string, IncidentEvent>)((at, actor) => new Declared(at, actor, severity, title)),
        from person in Text select (Func<Instant, string, IncidentEvent>)((at, actor) => new CommanderAssigned(at, actor, person)),
        from role in Text from person in Text
        select (Func<Instant, string, IncidentEvent>)((at, actor) => new RoleAssigned(at, actor, role, person)),
        from severity in Text from reason in OptionalText
        select (Func<Instant, string, IncidentEvent>)((at, actor) => new SeverityChanged(at, actor, severity, reason)),
        from audience in Gen.Elements(StatusAudience.Internal, StatusAudience.External) from message in Text
        select (Func<Instant, string, IncidentEvent>)((at, actor) => new StatusUpdatePosted(at, actor, audience, message)),
        from metric in Text from value in Decimals from unit in OptionalText
        select (Func<Instant, string, IncidentEvent>)((at, actor) => new ImpactRecorded(at, actor, metric, value, unit)),
        from flag in Text select (Func<Instant, string, IncidentEvent>)((at, actor) => new FlagRaised(at, actor, flag)),
        from summary in OptionalText select (Func<Instant, string, IncidentEvent>)((at, actor) => new Mitigated(at, actor, summary)),
        from summary in OptionalText select (Func<Instant, string, IncidentEvent>)((at, actor) => new Resolved(at, actor, summary)),
        from reason in OptionalText select (Func<Instant, string, IncidentEvent>)((at, actor) => new Reopened(at, actor, reason)),
        from days in Gen.Choose(0, 30) from seconds in Gen.Choose(0, 86_399) from millis in Gen.Elements(0, 0, 500, 1)
        select (Func<Instant, string, IncidentEvent>)((at, actor) => new PostMortemScheduled(at, actor, at + Duration.FromDays(days) + Duration.FromSeconds(seconds) + Duration.FromMilliseconds(millis))),
        Gen.Constant<Func<Instant, string, IncidentEvent>>((at, actor) => new PostMortemPublished(at, actor)),
        from id in Text from action in Text from owner in Text from due in DueDates
        select (Func<Instant, string, IncidentEvent>)((at, actor) => new ActionItemAdded(at, actor, id, action, owner, due)),
        from id in Text select (Func<Instant, string, IncidentEvent>)((at, actor) => new ActionItemCompleted(at, actor, id)),
        from id in Text from status in Gen.Elements(Enum.GetValues<ActionItemStatus>()) from reason in OptionalText
        select (Func<Instant, string, IncidentEvent>)((at, actor) => new ActionItemStatusChanged(at, actor, id, status, reason)),
        Gen.Constant<Func<Instant, string, IncidentEvent>>((at, actor) => new Closed(at, actor)),
        from reason in OptionalText select (Func<Instant, string, IncidentEvent>)((at, actor) => new Declined(at, actor, reason)),
        from target in Text select (Func<Instant, string, IncidentEvent>)((at, actor) => new Merged(at, actor, target)),
        from text in Text select (Func<Instant, string, IncidentEvent>)((at, actor) => new NoteAdded(at, actor, text)),
        from key in Text from target in Text
        select (Func<Instant, string, IncidentEvent>)((at, actor) => new NotificationSent(at, actor, key, target)),
        from key in Text select (Func<Instant, string, IncidentEvent>)((at, actor) => new ReminderSent(at, actor, key)),
    ];

    /// <summary>How many event types <see cref="EventLogs"/> covers: all of them.</summary>
    public static int EventTypeCount => EventMakers.Length;

    /// <summary>Event logs for serialization tests: up to 40 events of every type, in any order (not a valid
    /// lifecycle: see <see cref="Histories(ResponsePolicy)"/> for that), with non-decreasing instants down to the
    /// nanosecond, equal instants, and tricky <see cref="Text"/>.</summary>
    public static Gen<IReadOnlyList<IncidentEvent>> EventLogs { get; } =
        from count in Gen.Choose(0, 40)
        from gaps in Gen.ArrayOf(EventGaps, count)
        from makers in Gen.ArrayOf(Gen.OneOf(EventMakers), count)
        from actors in Gen.ArrayOf(Text, count)
        select (IReadOnlyList<IncidentEvent>)Enumerable.Range(0, count)
            .Select(i => makers[i](EventLogStart + gaps.Take(i + 1).Aggregate(Duration.Zero, (sum, gap) => sum + gap), actors[i]))
            .ToList();

    /// <summary>Incident ids: a plain one or tricky <see cref="Text"/>.</summary>
    public static Gen<string> IncidentIds { get; } = Gen.OneOf(Gen.Constant("INC-2026-05-29-1"), Text);
}
