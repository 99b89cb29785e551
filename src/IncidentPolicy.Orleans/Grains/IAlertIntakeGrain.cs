using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Orleans.Grains;

/// <summary>
/// Alert intake with de-duplication, as PagerDuty's Events API v2 does it, keyed by the alert's dedup key: one
/// activation per key, so the alerts of one key are handled one at a time. Every command goes to the incident as the
/// given actor — a host with several alert sources passes each source's integration actor — or, when none is given, as
/// <see cref="IncidentGrainOptions.IntakeActor"/>; either way subject to the policy's permissions like any other.
/// </summary>
public interface IAlertIntakeGrain : IGrainWithStringKey
{
    /// <summary>An alert with this dedup key fired: it joins the open incident that has the key (<c>alertJoined</c>, no
    /// new incident), or raises a new incident with the key (its id from the host's <see cref="IIncidentIdGenerator"/>).</summary>
    /// <param name="summary">What the alert says.</param>
    /// <param name="service">The affected service, or <see langword="null"/>.</param>
    /// <param name="severity">The severity the alert suggests, or <see langword="null"/>.</param>
    /// <param name="actor">Who acts (an integration actor with the roles the host gives it), or <see langword="null"/>
    /// for <see cref="IncidentGrainOptions.IntakeActor"/>.</param>
    /// <param name="policyName">The policy a new incident is raised under (registered with
    /// <c>AddNamedIncidentPolicy</c>), or <see langword="null"/> for the host's default policy. An alert that joins an
    /// open incident joins it whatever its policy: dedup keys are not scoped by policy.</param>
    /// <returns>The incident's id and the incident grain's answer.</returns>
    Task<AlertIntakeAnswer> TriggerAsync(string summary, string? service, string? severity, Actor? actor = null, string? policyName = null);

    /// <summary>Acknowledges the open incident with this dedup key.</summary>
    /// <param name="actor">Who acts (an integration actor with the roles the host gives it), or <see langword="null"/>
    /// for <see cref="IncidentGrainOptions.IntakeActor"/>.</param>
    /// <returns>The incident's id and the answer; no incident (both <see langword="null"/>) when none is open with the key.</returns>
    Task<AlertIntakeAnswer> AcknowledgeAsync(Actor? actor = null);

    /// <summary>Resolves the open incident with this dedup key.</summary>
    /// <param name="summary">Why it is resolved, or <see langword="null"/>.</param>
    /// <param name="actor">Who acts (an integration actor with the roles the host gives it), or <see langword="null"/>
    /// for <see cref="IncidentGrainOptions.IntakeActor"/>.</param>
    /// <returns>The incident's id and the answer; no incident when none is open with the key.</returns>
    Task<AlertIntakeAnswer> ResolveAsync(string? summary, Actor? actor = null);

    /// <summary>Records on the open incident with this dedup key that its alert cleared (<c>alertCleared</c>); the
    /// incident stays open until someone resolves it.</summary>
    /// <param name="actor">Who acts (an integration actor with the roles the host gives it), or <see langword="null"/>
    /// for <see cref="IncidentGrainOptions.IntakeActor"/>.</param>
    /// <returns>The incident's id and the answer; no incident when none is open with the key.</returns>
    Task<AlertIntakeAnswer> ClearAsync(Actor? actor = null);
}
