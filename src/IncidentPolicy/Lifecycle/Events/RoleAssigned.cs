using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>A person took a role. Written <c>roleAssigned</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Role">A role id of the policy.</param>
/// <param name="Person">The person id.</param>
public sealed record RoleAssigned(Instant At, string By, string Role, string Person) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.AssignRole;

    /// <inheritdoc/>
    public override string Type => "roleAssigned";
}
