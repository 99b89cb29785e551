namespace IncidentPolicy.Lifecycle;

/// <summary>
/// A command the lifecycle or the policy forbids: a value to show the person who typed the command, never an
/// exception.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Code">The kind of rejection.</param>
/// <param name="Reason">A plain sentence for the person: "Only the Incident Commander (sarah) or an engineering
/// manager may resolve a SEV-1 incident."</param>
/// <param name="RuleId">The rule that forbids it, one of <see cref="RuleIds"/> (or <c>permissions.COMMAND</c>).</param>
public sealed record Rejection(RejectionCode Code, string Reason, string RuleId)
{
    /// <summary>Formats as <c>rule: reason</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{RuleId}: {Reason}";
}
