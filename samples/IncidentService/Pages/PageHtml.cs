using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using NodaTime;
using NodaTime.Text;

namespace IncidentService.Pages;

/// <summary>
/// The pages' shared HTML: the layout (large type, high contrast, one column that fits a phone), text encoding, and
/// how instants and durations are written. Every text that comes from an incident, a person or a request goes through
/// <see cref="Encode"/>.
/// </summary>
internal static class PageHtml
{
    private static readonly InstantPattern Shown = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm 'UTC'");

    /// <summary>HTML-encodes a text for an element's content or a quoted attribute.</summary>
    /// <param name="text">The text, or <see langword="null"/> for nothing.</param>
    /// <returns>The encoded text.</returns>
    public static string Encode(string? text) => text is null ? "" : HtmlEncoder.Default.Encode(text);

    /// <summary>An instant as people read it: <c>2026-05-29 14:03 UTC</c>.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The text (plain, not encoded).</returns>
    public static string Format(Instant instant) => Shown.Format(instant);

    /// <summary>An instant as the countdown script reads it (ISO 8601, UTC).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The text.</returns>
    public static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    /// <summary>A duration in the two largest units, as the countdown writes it: <c>4m 05s</c>, <c>1h 03m</c>,
    /// <c>2d 4h</c> (the sign is ignored).</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text.</returns>
    public static string Span(Duration duration)
    {
        var seconds = (long)Math.Floor(Math.Abs(duration.TotalSeconds));
        var days = seconds / 86_400;
        var hours = seconds % 86_400 / 3_600;
        var minutes = seconds % 3_600 / 60;
        var rest = seconds % 60;
        return days > 0 ? string.Create(CultureInfo.InvariantCulture, $"{days}d {hours}h")
            : hours > 0 ? string.Create(CultureInfo.InvariantCulture, $"{hours}h {minutes:00}m")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes}m {rest:00}s");
    }

    /// <summary>A whole page.</summary>
    /// <param name="title">The page's title (plain text).</param>
    /// <param name="body">The body's HTML.</param>
    /// <param name="bodyAttributes">Extra attributes of <c>body</c> (already encoded), or empty.</param>
    /// <param name="head">Extra HTML for <c>head</c>, or empty.</param>
    /// <param name="script">A script run at the end of the body, or empty.</param>
    /// <returns>The document.</returns>
    public static string Document(string title, string body, string bodyAttributes = "", string head = "", string script = "") =>
        new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(title)).Append("</title>")
            .Append(head)
            .Append("<style>").Append(Style).Append("</style></head>\n")
            .Append("<body").Append(bodyAttributes).Append("><main>\n")
            .Append(body)
            .Append("\n</main>")
            .Append(script.Length > 0 ? "<script>" + script + "</script>" : "")
            .Append("</body></html>\n")
            .ToString();

    // Dark background, near-white text, 20 px base size and generous spacing: readable half-awake on a phone. Overdue
    // duties are white on red with a bold label, so the state does not rest on colour alone.
    private const string Style =
        "*{box-sizing:border-box}" +
        "body{margin:0;background:#0b0d10;color:#f2f4f7;font:20px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}" +
        "main{max-width:60rem;margin:0 auto;padding:1rem}" +
        "h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.3rem;margin:1.75rem 0 .5rem;border-bottom:2px solid #3a4048;padding-bottom:.25rem}" +
        "h3{font-size:1.1rem;margin:0 0 .25rem}" +
        "a{color:#8cc8ff}" +
        ".card{background:#171b21;border:2px solid #3a4048;border-radius:.5rem;padding:.75rem 1rem;margin:.75rem 0}" +
        ".muted{color:#c3c9d1}.small{font-size:.9rem}" +
        ".badge{display:inline-block;padding:0 .5rem;border-radius:.25rem;font-weight:700;background:#3a4048;color:#fff;margin-right:.25rem}" +
        ".sev{background:#ffd23f;color:#000}.restricted{background:#b388ff;color:#000}" +
        ".ok{color:#7ee081}" +
        "ul{padding-left:1.25rem;margin:.25rem 0}li{margin:.25rem 0}" +
        ".obligation{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;padding:.4rem .5rem;border-radius:.25rem;margin:.25rem 0;background:#222831}" +
        ".obligation.overdue{background:#b00020;color:#fff;font-weight:700}" +
        ".countdown{font-variant-numeric:tabular-nums;font-weight:700}" +
        ".update{border-left:4px solid #8cc8ff;padding-left:.75rem;margin:.5rem 0}" +
        "table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #3a4048;vertical-align:top}" +
        "input,button{font:inherit;padding:.5rem;border-radius:.25rem;border:2px solid #3a4048}button{background:#8cc8ff;color:#000;font-weight:700}" +
        "@media (max-width:40rem){body{font-size:19px}main{padding:.5rem}th{display:none}td{display:block;border:0;padding:0}tr{display:block;border-bottom:1px solid #3a4048;padding:.4rem 0}}";
}
