namespace IncidentPolicy.Primitives;

/// <summary>
/// One problem found while validating a policy: where it is and why it is wrong.
/// </summary>
/// <remarks>
/// <para><see cref="Path"/> is a JSON path into the policy document (<c>$.severities[1].respond.within</c>)
/// when the policy came from JSON, or the same shape relative to the object being constructed
/// (<c>closes</c>, <c>holidays[2]</c>) when it was built in code.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
/// <param name="Path">Where the problem is: a JSON path such as <c>$.calendar.timeZone</c>.</param>
/// <param name="Reason">A plain-language sentence saying what is wrong and, where it helps, what is expected.</param>
public sealed record PolicyProblem(string Path, string Reason)
{
    /// <summary>Formats the problem as <c>path: reason</c>, the form the CLI prints.</summary>
    /// <returns>The path and the reason separated by a colon.</returns>
    public override string ToString() => $"{Path}: {Reason}";
}
