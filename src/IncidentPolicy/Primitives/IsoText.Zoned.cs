using NodaTime;
using NodaTime.Text;

namespace IncidentPolicy.Primitives;

// Instants with an offset, and local date-times read in a time zone: what people type and want to read.
internal static partial class IsoText
{
    private static readonly OffsetDateTimePattern OffsetWithSeconds =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<Z+HH:mm>");

    private static readonly OffsetDateTimePattern OffsetWithoutSeconds =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<Z+HH:mm>");

    // Offsets of whole seconds (local mean time, before standard time zones): written and read with their seconds.
    private static readonly OffsetDateTimePattern OffsetSecondsWithSeconds =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm:ss>");

    private static readonly LocalDateTimePattern LocalDateTimeWithFraction =
        NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFF");

    /// <summary>Writes the instant as local time in <paramref name="zone"/> with its offset:
    /// <c>2026-12-23T17:30:00+01:00</c>; <c>Z</c> for a zero offset, so that UTC reads as <see cref="FormatInstant(Instant)"/>
    /// writes it; a fraction only when not zero.</summary>
    public static string FormatInstant(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone).ToOffsetDateTime();
        return local.Offset.Seconds % 60 == 0 ? OffsetWithSeconds.Format(local) : OffsetSecondsWithSeconds.Format(local);
    }

    /// <summary>Reads an instant with <c>Z</c> or an offset (<c>+01:00</c>), with or without seconds and fraction, or a
    /// local date and time without offset read in <paramref name="zone"/>. A local time the zone skips or repeats is
    /// refused, naming the gap or both candidate instants. Without a zone, a local date and time is refused.</summary>
    public static bool TryParseZonedInstant(string? text, DateTimeZone? zone, out Instant instant, out string reason)
    {
        instant = default;
        reason = "";
        if (string.IsNullOrEmpty(text))
        {
            reason = "an instant is required, like 2026-05-30T15:00:00Z, 2026-05-30T17:00+02:00 or a local date and time in a time zone";
            return false;
        }

        if (text.EndsWith('Z'))
        {
            return TryParseInstant(text, out instant, out reason);
        }

        var seconds = text.Length > 17 && text[16] == ':';
        var offset = (seconds ? OffsetWithSeconds : OffsetWithoutSeconds).Parse(text);
        if (!offset.Success && seconds)
        {
            offset = OffsetSecondsWithSeconds.Parse(text);
        }

        if (offset.Success)
        {
            instant = offset.Value.ToInstant();
            return true;
        }

        var local = (seconds ? LocalDateTimeWithFraction : LocalDateTimeWithoutSeconds).Parse(text);
        if (!local.Success)
        {
            reason = $"'{text}' is not an instant; write ISO 8601 with Z or an offset, like 2026-05-30T15:00Z or 2026-05-30T17:00+02:00, or a local date and time like 2026-05-30T17:00 read in a time zone";
            return false;
        }

        if (zone is null)
        {
            reason = $"'{text}' has no offset; add Z or an offset such as +01:00, or give the time zone to read it in";
            return false;
        }

        return TryResolve(text, local.Value, zone, out instant, out reason);
    }

    /// <summary>The instant of a local date and time in a zone; a skipped or repeated one is refused with a reason that
    /// names the gap or both instants.</summary>
    public static bool TryResolve(string text, LocalDateTime local, DateTimeZone zone, out Instant instant, out string reason)
    {
        instant = default;
        reason = "";
        var mapping = zone.MapLocal(local);
        switch (mapping.Count)
        {
            case 1:
                instant = mapping.Single().ToInstant();
                return true;
            case 0:
                var gapAt = mapping.LateInterval.Start;
                var from = gapAt.WithOffset(mapping.EarlyInterval.WallOffset).LocalDateTime;
                var to = gapAt.WithOffset(mapping.LateInterval.WallOffset).LocalDateTime;
                reason = $"'{text}' does not exist in {zone.Id}: the clocks go forward from {FormatLocalDateTime(from)} to {FormatLocalDateTime(to)} "
                    + $"at {FormatInstant(gapAt)} ({FormatOffset(mapping.EarlyInterval.WallOffset)} to {FormatOffset(mapping.LateInterval.WallOffset)}); "
                    + "write a time outside the gap, or an offset";
                return false;
            default:
                var (first, second) = (mapping.First(), mapping.Last());
                reason = $"'{text}' happens twice in {zone.Id}: {FormatInstant(first.ToInstant(), zone)} ({FormatInstant(first.ToInstant())}) "
                    + $"and {FormatInstant(second.ToInstant(), zone)} ({FormatInstant(second.ToInstant())}); write the offset of the one you mean";
                return false;
        }
    }

    private static readonly OffsetPattern OffsetMinutes = OffsetPattern.CreateWithInvariantCulture("+HH:mm");
    private static readonly OffsetPattern OffsetSeconds = OffsetPattern.CreateWithInvariantCulture("+HH:mm:ss");

    private static string FormatOffset(Offset offset) => (offset.Seconds % 60 == 0 ? OffsetMinutes : OffsetSeconds).Format(offset);
}
