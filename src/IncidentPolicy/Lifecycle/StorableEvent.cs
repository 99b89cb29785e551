using NodaTime;
using static IncidentPolicy.Primitives.StorableText.Shape;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// What <see cref="Incident.Apply"/> checks so that every event it accepts is written to the log and read back
/// unchanged (<see cref="Limits"/>): its texts, its instants and dates, and the log's size once it is added.
/// </summary>
internal static class StorableEvent
{
    /// <summary>The fewest bytes an event is counted as: its type, instant, actor and field names, with room for the
    /// indentation of the document form.</summary>
    private const long FixedBytes = 256;

    /// <summary>The rejection of an event whose instants lie outside the supported range, or <see langword="null"/>.</summary>
    public static Rejection? CheckInstants(IncidentEvent e)
    {
        var reason = Instant(e.At, "the command's instant");
        if (reason is null && EventCatalogue.Of(e) is { } type)
        {
            foreach (var field in type.Fields)
            {
                if (field.Kind == EventFieldKind.Instant && (reason = Instant(field.Instant(e), field.What!)) is not null)
                {
                    break;
                }
            }
        }

        return reason is null ? null : new Rejection(RejectionCode.InvalidCommand, reason, RuleIds.Storable);
    }

    /// <summary>The reason an event cannot be stored, or <see langword="null"/>: its instant, its actor, then each
    /// field the <see cref="EventCatalogue"/> names, in the record's order.</summary>
    public static Rejection? Check(Incident before, IncidentEvent e)
    {
        var reason = Instant(e.At, "the command's instant") ?? Text(e.By, Id, "the actor's id") ?? Fields(e);
        if (reason is null)
        {
            if (before.Version >= Limits.MaxEvents)
            {
                reason = $"The incident's log already holds {Limits.MaxEvents:N0} events, the most a log may hold.";
            }
            else if (before.StoredBytes + Bytes(e) > Limits.MaxLogBytes)
            {
                reason = $"The event would take the incident's log past {Limits.MaxLogBytes / (1024 * 1024)} MiB, the most a log may take.";
            }
        }

        return reason is null ? null : new Rejection(RejectionCode.InvalidCommand, reason, RuleIds.Storable);
    }

    /// <summary>The most bytes the event may take in the log, counted as <see cref="Limits.MaxLogBytes"/> says: a fixed
    /// allowance and every text at its longest escaped form.</summary>
    public static long Bytes(IncidentEvent e)
    {
        var texts = StorableText.MaxEscapedBytes(e.By);
        if (EventCatalogue.Of(e) is { } type)
        {
            foreach (var field in type.Fields)
            {
                if (field.Kind == EventFieldKind.Text)
                {
                    texts += B(field.Text(e));
                }
            }
        }

        return FixedBytes + texts;
    }

    /// <summary>The first field of <paramref name="e"/> that cannot be stored, and why; null when all can.</summary>
    private static string? Fields(IncidentEvent e)
    {
        if (EventCatalogue.Of(e) is not { } type)
        {
            return null;
        }

        foreach (var field in type.Fields)
        {
            if (field.What is not { } what)
            {
                continue;
            }

            var reason = field.Kind switch
            {
                EventFieldKind.Text => field.Shape is { } shape ? Text(field.Text(e), shape, what) : null,
                EventFieldKind.Instant => Instant(field.Instant(e), what),
                EventFieldKind.Date => Date(field.Date(e), what),
                _ => null,
            };
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }

    private static long B(string? text) => StorableText.MaxEscapedBytes(text);

    private static string? Text(string? text, StorableText.Shape shape, string what) => StorableText.Check(text, shape, what);

    private static string? Instant(Instant instant, string what) =>
        Limits.Contains(instant) ? null : $"{StorableText.Capital(what)} {TimeMath.OutsideRange(instant)}";

    private static string? Date(LocalDate date, string what) =>
        Limits.Contains(date) ? null : $"{StorableText.Capital(what)} {TimeMath.OutsideRange(date)}";
}
