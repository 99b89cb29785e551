using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Orleans.Grains;

/// <summary>
/// One incident as a grain, keyed by the incident's id. Commands go through <see cref="ApplyAsync"/>, which answers
/// like <see cref="Incident.Apply"/> and stores every accepted event in the host's <c>IIncidentEventStore</c> before
/// it answers. While anything is pending the grain wakes itself at the policy's next deadline and hands what is due to
/// the host's <see cref="WakeUps.IIncidentDispatcher"/>.
/// </summary>
/// <remarks>Orleans runs one call at a time per incident, so commands to one incident are serialized; the expected
/// version still guards against a caller acting on a stale read.</remarks>
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a command at the silo clock's instant (never earlier than the incident's last event). A
    /// <see cref="RaiseAlert"/> to an incident that does not exist opens it (<see cref="Incident.Raise"/>) under the
    /// host's current policy; any other command to a missing incident is rejected as the lifecycle rejects it.
    /// </summary>
    /// <param name="command">What to do.</param>
    /// <param name="actor">Who does it, with their organisation roles (the policy's permissions are checked).</param>
    /// <param name="expectedVersion">The version the caller last saw (0 for a new incident).</param>
    /// <returns>Accepted (the event and the new version, already stored), rejected (code, reason, rule) or conflict
    /// (the current version). When the store refuses the append because another writer stored that version first, the
    /// answer is conflict, never accepted.</returns>
    Task<ApplyAnswer> ApplyAsync(IncidentCommand command, Actor actor, int expectedVersion);

    /// <summary>
    /// Opens the incident under the host's policy named <paramref name="policyName"/> (registered with
    /// <c>AddNamedIncidentPolicy</c>; <see langword="null"/> or <c>default</c> for the default one), as
    /// <see cref="ApplyAsync"/> opens it under the default policy.
    /// </summary>
    /// <param name="alert">The opening alert.</param>
    /// <param name="actor">Who raises it.</param>
    /// <param name="policyName">The policy's name, or <see langword="null"/> for the default policy.</param>
    /// <returns>Accepted (stored); rejected as <see cref="Incident.Raise"/> rejects, or with code
    /// <see cref="RejectionCode.InvalidCommand"/> and rule <c>host.policyName</c> when this silo has no policy by that
    /// name; conflict (with the version) when the incident already exists.</returns>
    Task<ApplyAnswer> RaiseAsync(RaiseAlert alert, Actor actor, string? policyName);

    /// <summary>
    /// Migrates the incident to one of the host's current policies (<see cref="Incident.Adopt"/>): checked like any
    /// command under the policy it is governed by now, recorded as <c>policyAdopted</c>, and from then on its deadlines,
    /// permissions and replays follow the new policy. Until this is called an open incident keeps the policy it was
    /// opened under.
    /// </summary>
    /// <param name="actor">Who migrates it (the policy's permissions for <c>adoptPolicy</c> apply).</param>
    /// <param name="expectedVersion">The version the caller last saw.</param>
    /// <param name="policyName">The name of the current policy to adopt (registered with <c>AddNamedIncidentPolicy</c>),
    /// or <see langword="null"/> for the default policy. The grain does not remember which name an incident was raised
    /// under — only the policy's content hash — so a host with several policies names the one to adopt.</param>
    /// <returns>Accepted (stored); rejected (e.g. the log does not hold under the new policy, or code
    /// <see cref="RejectionCode.InvalidCommand"/> and rule <c>host.policyName</c> for a name this silo does not have);
    /// or conflict.</returns>
    Task<ApplyAnswer> AdoptCurrentPolicyAsync(Actor actor, int expectedVersion, string? policyName = null);

    /// <summary>The incident's state and its evaluation now, as the library's documented JSON document
    /// (<c>IncidentJson</c>, format version 1).</summary>
    /// <returns>The document, or <see langword="null"/> when the incident does not exist.</returns>
    Task<string?> GetStateJsonAsync();

    /// <summary>The incident's event log as the format-version-1 document <c>EventLogJson.SerializeDocument</c>
    /// writes (and <c>EventLogJson.Parse</c> reads).</summary>
    /// <returns>The document, or <see langword="null"/> when the incident does not exist.</returns>
    Task<string?> GetEventLogJsonAsync();

    /// <summary>The incident's current version: the number of events in its log (0 when it does not exist).</summary>
    /// <returns>The version.</returns>
    Task<int> GetVersionAsync();
}
