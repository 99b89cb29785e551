namespace IncidentPolicy.Escalation;

/// <summary>A conditional escalation rule as <see cref="ResponsePolicy.Describe"/> shows it.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Id">The rule's id, such as <c>page-engineering-manager</c>.</param>
/// <param name="Action">What it does: <c>page</c> or <c>notify</c>.</param>
/// <param name="Target">Whom, in words: <c>role engineering-manager</c>.</param>
/// <param name="When">Its condition in words.</param>
public sealed record EscalationRuleDescription(string Id, string Action, string Target, string When)
{
    /// <summary>One line: <c>page-engineering-manager: page role engineering-manager when …</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Id}: {Action} {Target} when {When}";
}
