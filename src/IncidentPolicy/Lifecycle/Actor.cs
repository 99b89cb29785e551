namespace IncidentPolicy.Lifecycle;

/// <summary>
/// Who issues a command: a person, a bot or a monitoring system, with the roles the host knows them to hold
/// in the organisation (role ids of the policy, such as <c>engineering-manager</c>).
/// </summary>
/// <remarks>
/// <para>Within an incident an actor also holds the roles the incident gave them: the Incident Commander holds
/// <c>incident-commander</c>, whoever acknowledged holds <c>on-call-engineer</c>, and anyone assigned a role
/// holds it. The policy's permission table is checked against all of these.</para>
/// <para>Immutable and thread-safe; two actors are equal when their ids and roles are equal.</para>
/// </remarks>
public sealed class Actor : IEquatable<Actor>
{
    /// <summary>Creates an actor.</summary>
    /// <param name="id">The actor's id, such as a chat user id or <c>monitoring</c>.</param>
    /// <param name="roles">The role ids the actor holds in the organisation.</param>
    public Actor(string id, params IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(roles);
        Id = id;
        Roles = roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList().AsReadOnly();
    }

    /// <summary>The actor's id; events record it as <c>by</c>.</summary>
    public string Id { get; }

    /// <summary>The role ids the actor holds in the organisation, sorted, without duplicates.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>Whether the actor holds <paramref name="role"/> in the organisation.</summary>
    /// <param name="role">A role id.</param>
    /// <returns><see langword="true"/> when <see cref="Roles"/> contains it.</returns>
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <inheritdoc/>
    public bool Equals(Actor? other) =>
        other is not null && Id == other.Id && Roles.SequenceEqual(other.Roles, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Actor);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Roles.Count);

    /// <summary>The id and roles: <c>sarah (engineering-manager)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Roles.Count == 0 ? Id : $"{Id} ({string.Join(", ", Roles)})";
}
