namespace IncidentPolicy.Lifecycle;

/// <summary>
/// A rule that real history broke, found by a lenient replay for an audit: the event was applied anyway.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="RuleId">The rule, one of <see cref="RuleIds"/>.</param>
/// <param name="EventIndex">The index of the event in the log (0-based).</param>
/// <param name="Reason">What happened, in plain words.</param>
public sealed record Violation(string RuleId, int EventIndex, string Reason)
{
    /// <summary>Formats as <c>#index rule: reason</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"#{EventIndex} {RuleId}: {Reason}";
}
