namespace IncidentPolicy.Lifecycle;

/// <summary>
/// A rule on a transition of the lifecycle. <see cref="Check"/> answers <see langword="null"/> when the rule holds,
/// or the plain reason it does not. Its <see cref="RuleId"/> is the guard's description in the state machine and in
/// diagrams.
/// </summary>
/// <param name="RuleId">One of <see cref="RuleIds"/>.</param>
/// <param name="NeedsActorRoles">Whether the rule depends on the actor's organisation roles, which an event log
/// does not record: a strict replay skips it, a lenient one judges by the incident's own roles.</param>
/// <param name="Check">The rule.</param>
internal sealed record Guard(string RuleId, bool NeedsActorRoles, Func<StepContext, string?> Check);
