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

    // One maker per event type of the library's event catalogue, so a new event type is generated without a word here:
    // each field gets values of its kind (optional text is sometimes null or empty; an instant field lies up to 30
    // days after the event, to the millisecond; every defined enum value).
    private static readonly Gen<Func<Instant, string, IncidentEvent>>[] EventMakers =
        [.. EventCatalogue.All.Select(MakerOf)];

    private static Gen<Func<Instant, string, IncidentEvent>> MakerOf(EventType type) =>
        from values in Gen.CollectToArray(type.Fields, ValueOf)
        select (Func<Instant, string, IncidentEvent>)((at, actor) => type.Create(at, actor, [.. values.Select(value => value(at))]));

    /// <summary>A value for one field, as <see cref="EventType.Create"/> takes it, from the event's own instant.</summary>
    private static Gen<Func<Instant, object?>> ValueOf(EventField field) => field.Kind switch
    {
        EventFieldKind.Text => (field.Optional ? OptionalText : Text.Select(t => (string?)t)).Select(Always),
        EventFieldKind.Instant =>
            from days in Gen.Choose(0, 30) from seconds in Gen.Choose(0, 86_399) from millis in Gen.Elements(0, 0, 500, 1)
            select (Func<Instant, object?>)(at => at + Duration.FromDays(days) + Duration.FromSeconds(seconds) + Duration.FromMilliseconds(millis)),
        EventFieldKind.Date => DueDates.Select(d => Always(d)),
        EventFieldKind.Decimal => Decimals.Select(d => Always(d)),
        _ => Gen.Elements(field.Choice!.Values.ToArray()).Select(Always),
    };

    private static Func<Instant, object?> Always(object? value) => _ => value;

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
