using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Orleans.Tests.Storage;

/// <summary>The store contract, run against the in-memory store.</summary>
public sealed class InMemoryIncidentEventStoreTests : IncidentEventStoreContract
{
    protected override Task<IIncidentEventStore> NewStoreAsync() => Task.FromResult<IIncidentEventStore>(new InMemoryIncidentEventStore());

    // The in-memory store keeps event objects, not text: its log's text is what the event-log writer makes of them.
    protected override async Task<string> StoredLogTextAsync(IIncidentEventStore store, string incidentId) =>
        EventLogJson.SerializeLines(await store.ReadAsync(incidentId));
}
