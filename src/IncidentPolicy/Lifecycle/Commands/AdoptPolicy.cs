using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Migrate the incident to another policy, named by its content hash. <see cref="Incident.Apply"/> accepts it
/// only when the hash is that of the policy the incident is governed by (the host rebuilt the incident under the new
/// policy); <see cref="Incident.Adopt"/> takes the policy itself and does the rebuilding. Allowed in every state but
/// closed, declined and merged.</summary>
/// <param name="PolicyHash">The adopted policy's content hash (<see cref="ResponsePolicy.ContentHash"/>).</param>
public sealed record AdoptPolicy(string PolicyHash) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.AdoptPolicy;

    internal override IncidentEvent ToEvent(Instant at, string by) => new PolicyAdopted(at, by, PolicyHash);
}
