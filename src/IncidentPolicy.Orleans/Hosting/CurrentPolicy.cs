namespace IncidentPolicy.Orleans.Hosting;

/// <summary>A policy registered under a name besides the host's default (<c>AddNamedIncidentPolicy</c>).</summary>
/// <param name="Name">The name.</param>
/// <param name="Policy">The policy.</param>
internal sealed record NamedPolicy(string Name, ResponsePolicy Policy);

/// <summary>The host's current policies: the default one, and the named ones, which new incidents are raised under.
/// Open incidents keep the policy they were opened under (by content hash) until migrated.</summary>
internal sealed class CurrentPolicy
{
    private readonly Dictionary<string, ResponsePolicy> _byName;

    public CurrentPolicy(ResponsePolicy policy)
        : this(policy, [])
    {
    }

    public CurrentPolicy(ResponsePolicy policy, IEnumerable<NamedPolicy> named)
    {
        Policy = policy;
        _byName = new Dictionary<string, ResponsePolicy>(StringComparer.Ordinal)
        {
            [IncidentPolicySiloBuilderExtensions.DefaultPolicyName] = policy,
        };
        foreach (var entry in named)
        {
            _byName[entry.Name] = entry.Policy;
        }

        Names = [.. _byName.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The default policy: the one incidents are raised under when no name is given.</summary>
    public ResponsePolicy Policy { get; }

    /// <summary>Every name, <c>default</c> included, in ordinal order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Every current policy, the default one included.</summary>
    public IEnumerable<ResponsePolicy> All => _byName.Values;

    /// <summary>The policy with this name; the default one for <see langword="null"/>.</summary>
    /// <param name="name">The name, or <see langword="null"/>.</param>
    /// <returns>The policy, or <see langword="null"/> when no policy has the name.</returns>
    public ResponsePolicy? Find(string? name) => name is null ? Policy : _byName.GetValueOrDefault(name);
}
