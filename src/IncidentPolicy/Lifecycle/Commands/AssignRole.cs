using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Assign a role of the policy, such as comms-lead, to a person.</summary>
/// <param name="Role">A role id of the policy.</param>
/// <param name="Person">The person id.</param>
public sealed record AssignRole(string Role, string Person) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.AssignRole;

    internal override IncidentEvent ToEvent(Instant at, string by) => new RoleAssigned(at, by, Role, Person);
}
