using IncidentPolicy;

namespace IncidentService.Intake;

/// <summary>
/// The policies the intakes know by name. Only <c>default</c> exists for now: the <see cref="ResponsePolicy"/> the
/// host registered in the container (the one it gives the silo), or the seed's policy when it registered none. Routing
/// keys and receivers name a policy so one deployment can later serve several teams with their own.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class IntakePolicies(ResponsePolicy defaultPolicy)
{
    /// <summary>The name of the policy the silo runs: <c>default</c>.</summary>
    public const string DefaultName = "default";

    /// <summary>The policy the silo runs.</summary>
    public ResponsePolicy Default { get; } = defaultPolicy;

    /// <summary>The policy named <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The policy, or <see langword="null"/> when no policy has that name.</returns>
    public ResponsePolicy? Find(string? name) => string.Equals(name, DefaultName, StringComparison.Ordinal) ? Default : null;
}
