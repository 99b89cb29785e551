using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>One level of an escalation policy as <see cref="ResponsePolicy.Describe"/> shows it.</summary>
/// <remarks>Immutable and thread-safe. Lists compare by reference: compare their items in tests.</remarks>
/// <param name="Delay">How long after the previous level (or the start, for the first) it is paged.</param>
/// <param name="Targets">Whom it pages, in words: <c>role engineering-manager</c>, <c>schedule on-call</c>.</param>
public sealed record EscalationLevelDescription(Duration Delay, IReadOnlyList<string> Targets)
{
    /// <summary>The targets and the delay: <c>role engineering-manager after 5 minutes</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{string.Join(" and ", Targets)} after {HumanText.Describe(Delay)}";
}
