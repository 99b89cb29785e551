namespace IncidentPolicy.Serialization;

/// <summary>
/// Why a command's JSON form could not be read, and where: the JSON path of the offending value and a plain reason.
/// </summary>
/// <remarks>
/// <para>Reading stops at the first problem, so a document has at most one error. Instances are immutable and
/// thread-safe.</para>
/// </remarks>
/// <param name="Path">The JSON path of the offending value, such as <c>$.severity</c>; a missing field's path names
/// where it belongs. <c>$</c> when the problem is the document as a whole: malformed JSON, nesting too deep, a
/// document too large, or one that is not an object.</param>
/// <param name="Reason">A plain-language sentence saying what is wrong and, where it helps, what is expected.</param>
public sealed record IncidentCommandJsonError(string Path, string Reason)
{
    /// <summary>Formats the error as <c>$.severity: reason</c>.</summary>
    /// <returns>The path and the reason separated by a colon.</returns>
    public override string ToString() => $"{Path}: {Reason}";
}
