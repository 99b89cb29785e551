using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The incident was migrated to another policy: from this event on it is governed by the policy with
/// <paramref name="PolicyHash"/>, and a replay of its log must be given that policy (see
/// <see cref="Incident.Adopt"/>). Written <c>policyAdopted</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="PolicyHash">The adopted policy's content hash (<see cref="ResponsePolicy.ContentHash"/>).</param>
public sealed record PolicyAdopted(Instant At, string By, string PolicyHash) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.AdoptPolicy;

    /// <inheritdoc/>
    public override string Type => "policyAdopted";
}
