using IncidentPolicy.Orleans.Storage;

namespace IncidentPolicy.Orleans.Grains;

/// <summary>
/// The open incidents, for a dashboard: read from the event store's heads (written in the same step as each event), so
/// the list stays right when silos die and needs no activation of the incidents themselves. Use key 0.
/// </summary>
/// <remarks>A stateless worker: every silo answers locally, and nothing is cached between calls. An incident leaves
/// the list with the event that resolves, closes, declines or merges it; its log stays in the store for as long as the
/// host keeps it.</remarks>
public interface IOpenIncidentIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Lists every open incident (triggered, acknowledged, investigating or mitigated).</summary>
    /// <returns>The heads, ordered by the alert's instant, then by id.</returns>
    Task<IReadOnlyList<IncidentHead>> ListOpenAsync();
}
