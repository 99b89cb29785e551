using IncidentPolicy.Orleans.PostgreSql;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Orleans.Tests.Servers;
using Npgsql;

namespace IncidentPolicy.Orleans.Tests.Storage;

/// <summary>The store contract, run against the PostgreSQL store on a real server; each test works in a schema of its
/// own.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlIncidentEventStoreTests(PostgreSqlServer server) : IncidentEventStoreContract, IAsyncLifetime
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(server.ConnectionString);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    protected override async Task<IIncidentEventStore> NewStoreAsync()
    {
        var store = new PostgreSqlIncidentEventStore(_dataSource, $"t_{Guid.NewGuid():N}");
        await store.EnsureSchemaAsync();
        return store;
    }

    protected override Task<string> StoredLogTextAsync(IIncidentEventStore store, string incidentId) =>
        ((PostgreSqlIncidentEventStore)store).ReadLogTextAsync(incidentId);
}
