using IncidentPolicy;
using IncidentPolicy.Orleans.Hosting;

namespace IncidentService.Intake;

/// <summary>
/// The policies the intakes know by name: <c>default</c>, the <see cref="ResponsePolicy"/> the silo raises incidents
/// under when no name is given (from <c>IncidentService:PolicyPath</c>, else the seed's), and each team's policy from
/// <c>IncidentService:Policies</c>, registered on the silo under the same name. Routing keys, Alertmanager receivers and
/// Slack channels name the policy their incidents are raised under, so one deployment serves several teams.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class IntakePolicies
{
    /// <summary>The name of the policy the silo runs by default: <c>default</c>.</summary>
    public const string DefaultName = IncidentPolicySiloBuilderExtensions.DefaultPolicyName;

    private readonly Dictionary<string, ResponsePolicy> _byName;

    /// <summary>Only the default policy.</summary>
    /// <param name="defaultPolicy">The policy the silo runs by default.</param>
    public IntakePolicies(ResponsePolicy defaultPolicy)
        : this(defaultPolicy, new Dictionary<string, ResponsePolicy>())
    {
    }

    /// <summary>The default policy and the named ones.</summary>
    /// <param name="defaultPolicy">The policy the silo runs by default.</param>
    /// <param name="named">The other policies by name (the silo registers them under the same names).</param>
    public IntakePolicies(ResponsePolicy defaultPolicy, IReadOnlyDictionary<string, ResponsePolicy> named)
    {
        ArgumentNullException.ThrowIfNull(defaultPolicy);
        ArgumentNullException.ThrowIfNull(named);
        Default = defaultPolicy;
        _byName = new Dictionary<string, ResponsePolicy>(named, StringComparer.Ordinal) { [DefaultName] = defaultPolicy };
        Names = [.. _byName.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The policy the silo runs by default.</summary>
    public ResponsePolicy Default { get; }

    /// <summary>Every name, <c>default</c> included, in ordinal order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The policy named <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The policy, or <see langword="null"/> when no policy has that name.</returns>
    public ResponsePolicy? Find(string? name) => name is not null && _byName.TryGetValue(name, out var policy) ? policy : null;
}
