using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Assign a role of the policy, such as comms-lead, to a person.</summary>
/// <remarks>
/// <para>The role comes first, then the person; both are ids, so write them by name to keep them apart:
/// <c>new AssignRole(Role: "comms-lead", Person: "maria")</c>.</para>
/// <para><c>Incident.Apply</c> checks them against the policy and says which is which when they look swapped: a
/// <see cref="Role"/> that is not one of the policy's roles is refused (<see cref="RuleIds.RoleKnown"/>), and the
/// reason names the argument that is a role or a person of the policy instead; a <see cref="Person"/> that is one of
/// the policy's role ids (and none of its people's) is refused too (<see cref="RuleIds.PersonNotRole"/>).</para>
/// </remarks>
/// <param name="Role">A role id of the policy, such as <c>comms-lead</c>.</param>
/// <param name="Person">The id of the person who takes the role, such as <c>maria</c>; not a role id.</param>
public sealed record AssignRole(string Role, string Person) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.AssignRole;

    internal override IncidentEvent ToEvent(Instant at, string by) => new RoleAssigned(at, by, Role, Person);
}
