namespace IncidentPolicy.Serialization;

/// <summary>
/// Why an event log could not be read to the end, and where: the first bad event's position, its line, the
/// JSON path of the offending field and a plain reason.
/// </summary>
/// <remarks>
/// <para>Reading stops at the first problem, so a log has at most one error; the events before it are kept
/// (see <see cref="EventLogContents"/>).</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
/// <param name="Index">The 0-based position of the bad event among the events of the log (blank lines of JSON Lines
/// do not count), or -1 when the problem belongs to the log as a whole: a document's <c>formatVersion</c>,
/// <c>incident</c> or <c>events</c>, an unknown top-level key, a document too large, a file that cannot be read.</param>
/// <param name="Line">The 1-based line of the text where the problem is, or null when there is none: in JSON Lines the
/// bad event's line; in a document the line where the bad event begins, or where a JSON syntax error was found.</param>
/// <param name="Path">The JSON path of the offending value, or null when the problem is not in one value (malformed
/// JSON, a file that cannot be read). In JSON Lines the path is relative to the event's line (<c>$.at</c>); in a
/// document it starts at the document's root (<c>$.events[3].at</c>). A missing field's path names where it belongs.</param>
/// <param name="Reason">A plain-language sentence saying what is wrong and, where it helps, what is expected.</param>
public sealed record EventLogError(int Index, int? Line, string? Path, string Reason)
{
    /// <summary>Formats the error as <c>event 3 (line 4) at $.at: reason</c>, the form the CLI prints.</summary>
    /// <returns>Where the problem is, then why.</returns>
    public override string ToString()
    {
        var where = Index >= 0 ? $"event {Index}" : "the log";
        if (Line is { } line)
        {
            where += $" (line {line})";
        }

        if (Path is not null)
        {
            where += $" at {Path}";
        }

        return $"{where}: {Reason}";
    }
}
