using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace IncidentPolicy.Primitives;

/// <summary>
/// The text formats of policy files, event logs and CLI output, for hosts that read or show times the same way:
/// instants in ISO 8601 UTC and durations in ISO 8601 days, hours, minutes and seconds.
/// </summary>
/// <remarks>All members are pure and thread-safe.</remarks>
public static class TextFormats
{
    /// <summary>Reads an ISO 8601 UTC instant with or without seconds or a fraction:
    /// <c>2026-05-30T15:00Z</c>, <c>2026-05-30T15:00:00.5Z</c>. Offsets other than <c>Z</c> are rejected.</summary>
    /// <param name="text">The text.</param>
    /// <param name="instant">The instant, when the text is valid.</param>
    /// <param name="reason">Why the text is not an instant; empty when it is.</param>
    /// <returns><see langword="true"/> when the text is a valid instant.</returns>
    public static bool TryParseInstant([NotNullWhen(true)] string? text, out Instant instant, out string reason) =>
        IsoText.TryParseInstant(text, out instant, out reason);

    /// <summary>Writes an instant as <c>yyyy-MM-ddTHH:mm:ssZ</c>, with a fraction only when it is not zero.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The text.</returns>
    public static string Format(Instant instant) => IsoText.FormatInstant(instant);

    /// <summary>
    /// Reads an instant as people type it: ISO 8601 with <c>Z</c> or an offset (<c>2026-12-23T17:30+01:00</c>,
    /// <c>2026-12-23T16:30:00Z</c>), with or without seconds and a fraction, or — when <paramref name="zone"/> is given —
    /// a local date and time without offset (<c>2026-12-23T17:30</c>) read in that zone. A local time the zone skips
    /// (spring forward) or repeats (fall back) is refused, never shifted: the reason names the gap, or both instants it
    /// could be, so that the writer adds the offset they mean.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="zone">The zone local date-times are read in; <see langword="null"/> to refuse them.</param>
    /// <param name="instant">The instant, when the text is valid.</param>
    /// <param name="reason">Why the text is not an instant; empty when it is.</param>
    /// <returns><see langword="true"/> when the text is a valid instant.</returns>
    public static bool TryParseInstant([NotNullWhen(true)] string? text, DateTimeZone? zone, out Instant instant, out string reason) =>
        IsoText.TryParseZonedInstant(text, zone, out instant, out reason);

    /// <summary>Writes an instant as local time in <paramref name="zone"/> with its offset,
    /// <c>yyyy-MM-ddTHH:mm:ss±hh:mm</c> (<c>2026-12-23T17:30:00+01:00</c>), with a fraction only when it is not zero and
    /// <c>Z</c> for a zero offset — so in UTC it is the same text as <see cref="Format(Instant)"/>.</summary>
    /// <param name="instant">The instant.</param>
    /// <param name="zone">The time zone.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public static string Format(Instant instant, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return IsoText.FormatInstant(instant, zone);
    }

    /// <summary>Reads an ISO 8601 duration in days, hours, minutes and seconds (<c>PT15M</c>, <c>P2D</c> = 48 hours,
    /// <c>-PT15M</c>, <c>PT0.5S</c>). Years, months and weeks are rejected: they are not fixed lengths.</summary>
    /// <param name="text">The text.</param>
    /// <param name="duration">The duration, when the text is valid.</param>
    /// <param name="reason">Why the text is not a duration; empty when it is.</param>
    /// <returns><see langword="true"/> when the text is a valid duration.</returns>
    public static bool TryParseDuration([NotNullWhen(true)] string? text, out Duration duration, out string reason) =>
        IsoText.TryParseDuration(text, out duration, out reason);

    /// <summary>Writes a duration in hours, minutes and seconds only: <c>PT48H</c>, <c>PT1H30M</c>, <c>PT0S</c>, <c>-PT15M</c>.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text.</returns>
    public static string Format(Duration duration) => IsoText.FormatDuration(duration);
}
