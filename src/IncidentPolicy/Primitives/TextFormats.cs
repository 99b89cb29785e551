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
