using System.Globalization;
using System.Text.Json;
using IncidentPolicy.Orleans.Tests.Servers;
using IncidentService.Intake.Slack;
using IncidentService.Tests.Pages;
using Npgsql;

namespace IncidentService.Tests.Intake.Slack;

/// <summary>A real Redis and a real PostgreSQL for durable-mode service hosts.</summary>
public sealed class DurablePeers : IAsyncLifetime
{
    /// <summary>The event store's (and the bindings') database.</summary>
    public PostgreSqlServer PostgreSql { get; } = new();

    /// <summary>Clustering and reminders.</summary>
    public RedisServer Redis { get; } = new();

    /// <inheritdoc />
    public Task InitializeAsync() => Task.WhenAll(PostgreSql.InitializeAsync(), Redis.InitializeAsync());

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Redis.DisposeAsync();
        await PostgreSql.DisposeAsync();
    }

    /// <summary>A whole service in durable mode over these peers (not started until first used).</summary>
    /// <param name="clusterId">The Orleans cluster id.</param>
    /// <returns>The host.</returns>
    public ServiceHost NewHost(string clusterId) =>
        new ServiceHost()
            .Set("Mode", "Durable")
            .Set("PostgreSql", PostgreSql.ConnectionString)
            .Set("Redis", Redis.ConnectionString)
            .Set("ClusterId", clusterId)
            .Set("SiloPort", ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture))
            .Set("GatewayPort", ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture));
}

/// <summary>In durable mode a channel's binding is in PostgreSQL: a fresh service host on the same database (a restart,
/// or another node) finds the incident a channel was bound to by the first.</summary>
[Collection(ServiceHostCollection.Name)]
public sealed class DurableChannelBindingsTests(DurablePeers peers) : IClassFixture<DurablePeers>
{
    private static string Text(JsonElement reply) => reply.GetProperty("text").GetString()!;

    [Fact]
    public async Task Declare_ThenAFreshHostOnTheSameDatabase_FindsTheChannelsIncident()
    {
        var clusterId = "bindings-" + Guid.NewGuid().ToString("N")[..8];
        string id;
        await using (var first = peers.NewHost(clusterId))
        {
            using var client = first.CreateClient();
            var (_, declared) = await IntakeClient.SlackAsync(client, first, "UALEX", "declare SEV-2 \"queue backlog\"", "CDURABLE");
            Assert.Equal("in_channel", declared.GetProperty("response_type").GetString());
            id = first.Journal.RecentIntakes(100).First(r => r.Source == "slack" && r.Accepted).IncidentId!;
        }

        await using var second = peers.NewHost(clusterId);
        using var again = second.CreateClient();

        var (_, status) = await IntakeClient.SlackAsync(again, second, "UBLAKE", "status", "CDURABLE");
        var (_, updated) = await IntakeClient.SlackAsync(again, second, "UALEX", "update internal \"draining the queue\"", "CDURABLE");

        Assert.StartsWith($"{id} · SEV-2 ·", Text(status), StringComparison.Ordinal);
        Assert.Equal($"Internal update on {id}: draining the queue", Text(updated));
        Assert.Contains(await second.EventsAsync(id), e => e.GetProperty("type").GetString() == "statusUpdatePosted");
        await using var dataSource = NpgsqlDataSource.Create(peers.PostgreSql.ConnectionString);
        await using var command = dataSource.CreateCommand($"SELECT incident_id, bound_at FROM {PostgreSqlChannelBindings.Table} WHERE channel_id = 'CDURABLE'");
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal(id, row.GetString(0));
        Assert.Equal(ServiceHost.Start.ToDateTimeUtc(), row.GetFieldValue<DateTime>(1).ToUniversalTime());
    }
}
