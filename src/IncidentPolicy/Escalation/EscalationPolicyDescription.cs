using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>An escalation policy as <see cref="ResponsePolicy.Describe"/> shows it.</summary>
/// <remarks>Immutable and thread-safe. Lists compare by reference: compare their items in tests.</remarks>
/// <param name="Id">The policy's id.</param>
/// <param name="AppliesTo">When it applies, in words: <c>severity is SEV-2 or more severe</c>.</param>
/// <param name="Levels">Its levels in order.</param>
/// <param name="StopCondition">What stops it: <c>acknowledged</c> or <c>resolved</c>.</param>
/// <param name="RepeatCount">How many more rounds after the first.</param>
/// <param name="RepeatDelay">How long after the last level a round repeats, when it does.</param>
/// <param name="Text">The whole policy in one sentence, as <see cref="EscalationPolicy.Describe"/> says it.</param>
public sealed record EscalationPolicyDescription(
    string Id,
    string AppliesTo,
    IReadOnlyList<EscalationLevelDescription> Levels,
    string StopCondition,
    int RepeatCount,
    Duration? RepeatDelay,
    string Text)
{
    /// <summary>The id and the sentence.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Id}: {Text}";
}
