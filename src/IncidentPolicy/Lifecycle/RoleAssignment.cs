using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>A person holding a role in an incident.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Role">The role id.</param>
/// <param name="Person">The person id.</param>
/// <param name="AssignedAt">When the role was assigned.</param>
public sealed record RoleAssignment(string Role, string Person, Instant AssignedAt);
