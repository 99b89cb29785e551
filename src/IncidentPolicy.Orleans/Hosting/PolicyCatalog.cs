using System.Collections.Concurrent;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Storage;

namespace IncidentPolicy.Orleans.Hosting;

/// <summary>
/// The policies incidents were opened under, by content hash: the host's current one, and every other one read back
/// from the event store (parsed once per silo). Thread-safe.
/// </summary>
internal sealed class PolicyCatalog(CurrentPolicy current, IIncidentEventStore store)
{
    private readonly ConcurrentDictionary<string, ResponsePolicy> _byHash = new(
        current.All.Select(p => new KeyValuePair<string, ResponsePolicy>(p.ContentHash, p)).DistinctBy(p => p.Key),
        StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, Task> _saved = new(StringComparer.Ordinal);

    public ResponsePolicy Current => current.Policy;

    /// <summary>The current policy with this name (the default one for <see langword="null"/>), or
    /// <see langword="null"/> when the host registered none by that name.</summary>
    public ResponsePolicy? CurrentNamed(string? name) => current.Find(name);

    /// <summary>The rejection of a command that names a policy the host did not register.</summary>
    public Rejection UnknownName(string name) => new(
        RejectionCode.InvalidCommand,
        $"No policy is named '{name}' on this silo; its policies are {string.Join(", ", current.Names)}.",
        PolicyNameRule);

    /// <summary>The rule id of <see cref="UnknownName"/>.</summary>
    public const string PolicyNameRule = "host.policyName";

    /// <summary>Stores a policy's text under its hash, once per silo, before an incident names the hash.</summary>
    public Task SaveAsync(ResponsePolicy policy)
    {
        _byHash.TryAdd(policy.ContentHash, policy);
        var task = _saved.GetOrAdd(policy.ContentHash, hash => store.SavePolicyAsync(hash, PolicyJson.Serialize(policy)));
        if (task.IsFaulted || task.IsCanceled)
        {
            _saved.TryRemove(new KeyValuePair<string, Task>(policy.ContentHash, task));
        }

        return task;
    }

    /// <summary>The policy with this hash: the current one, one already read, or one read from the store.</summary>
    /// <exception cref="InvalidOperationException">The store has no policy with that hash.</exception>
    public async Task<ResponsePolicy> FindAsync(string? hash, string incidentId)
    {
        if (hash is null)
        {
            return current.Policy;
        }

        if (_byHash.TryGetValue(hash, out var known))
        {
            return known;
        }

        var text = await store.ReadPolicyAsync(hash).ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                $"Incident '{incidentId}' was opened under policy {hash}, which the event store does not have; it cannot be replayed.");
        var policy = PolicyJson.Parse(text);
        _byHash.TryAdd(hash, policy);
        return policy;
    }
}
