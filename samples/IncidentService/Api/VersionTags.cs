using System.Globalization;

namespace IncidentService.Api;

/// <summary>An incident's version as an HTTP entity tag: the number of events in its log, quoted (<c>"7"</c>). Strong:
/// the version names exactly one state of the log.</summary>
internal static class VersionTags
{
    /// <summary>Formats a version as an ETag.</summary>
    public static string Format(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>Reads an <c>If-Match</c> header holding one version ETag.</summary>
    /// <param name="header">The header's value.</param>
    /// <param name="version">The version, when readable.</param>
    /// <param name="reason">Why it is not, otherwise.</param>
    /// <returns>Whether the header names one version. Entity tags compare as strings, so only the form this service
    /// writes counts: <c>"007"</c> is not the tag of version 7 (it names no version).</returns>
    public static bool TryParseIfMatch(string header, out int version, out string reason)
    {
        version = 0;
        var text = header.Trim();
        if (text == "*")
        {
            reason = "If-Match: * is not accepted: send the incident's ETag (its version, quoted) so a stale read cannot act.";
            return false;
        }

        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            reason = "If-Match needs the strong ETag the incident was read with, not a weak one (W/…).";
            return false;
        }

        if (text.Contains(',', StringComparison.Ordinal))
        {
            reason = "If-Match must hold exactly one ETag.";
            return false;
        }

        if (text.Length < 3 || text[0] != '"' || text[^1] != '"'
            || !int.TryParse(text.AsSpan(1, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out version)
            || !string.Equals(Format(version), text, StringComparison.Ordinal))
        {
            reason = $"If-Match must be the incident's ETag, a version number in quotes such as \"7\"; '{Truncate(text)}' is not.";
            return false;
        }

        reason = "";
        return true;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
