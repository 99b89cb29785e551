using IncidentPolicy.Orleans.Storage;
using Orleans.Concurrency;

namespace IncidentPolicy.Orleans.Grains;

/// <summary>Answers from the store on the silo that was called; keeps nothing.</summary>
[StatelessWorker]
internal sealed class OpenIncidentIndexGrain(IIncidentEventStore store) : Grain, IOpenIncidentIndexGrain
{
    public Task<IReadOnlyList<IncidentHead>> ListOpenAsync() => store.ListOpenAsync();
}
