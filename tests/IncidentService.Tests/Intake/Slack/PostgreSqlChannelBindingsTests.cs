using IncidentPolicy.Orleans.Tests.Servers;
using IncidentService.Intake.Slack;
using IncidentService.Shared;
using Npgsql;
using NodaTime;
using NodaTime.Testing;

namespace IncidentService.Tests.Intake.Slack;

/// <summary>A real PostgreSQL for the channel-binding tests: the server, one database whose table is created once, and
/// two stores over it (two nodes).</summary>
public sealed class ChannelBindingsDatabase : IAsyncLifetime
{
    /// <summary>The instant the stores' clock reads.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 5, 29, 14, 0, 30);

    /// <summary>The server.</summary>
    public PostgreSqlServer Server { get; } = new();

    /// <summary>The stores' clock.</summary>
    public FakeClock Clock { get; } = new(Now);

    /// <summary>One node's service database.</summary>
    public ServiceDatabase NodeA { get; private set; } = null!;

    /// <summary>The other node's service database, on the same server and database.</summary>
    public ServiceDatabase NodeB { get; private set; } = null!;

    /// <summary>One node's store.</summary>
    public PostgreSqlChannelBindings A { get; private set; } = null!;

    /// <summary>The other node's store, over the same database.</summary>
    public PostgreSqlChannelBindings B { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        NodeA = new ServiceDatabase(Server.ConnectionString);
        NodeB = new ServiceDatabase(Server.ConnectionString);
        A = new PostgreSqlChannelBindings(NodeA, Clock);
        B = new PostgreSqlChannelBindings(NodeB, Clock);
        await NodeA.EnsureTablesAsync(CancellationToken.None);
    }

    /// <summary>Creates a fresh database on the server.</summary>
    /// <returns>Its connection string.</returns>
    public async Task<string> NewDatabaseAsync()
    {
        var name = "bindings_" + Guid.NewGuid().ToString("N")[..12];
        await using var dataSource = NpgsqlDataSource.Create(Server.ConnectionStringFor("postgres"));
        await using var command = dataSource.CreateCommand($"CREATE DATABASE {name}");
        await command.ExecuteNonQueryAsync();
        return Server.ConnectionStringFor(name);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (NodeA is not null)
        {
            await NodeA.DisposeAsync();
        }

        if (NodeB is not null)
        {
            await NodeB.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}

/// <summary>The contract against <see cref="PostgreSqlChannelBindings"/> on a real PostgreSQL, two stores (nodes) over one
/// database; and the table's creation, the clock's <c>bound_at</c>, and an unreachable server.</summary>
public sealed class PostgreSqlChannelBindingsTests(ChannelBindingsDatabase database) : ChannelBindingsContract, IClassFixture<ChannelBindingsDatabase>
{
    protected override IChannelBindings Store => database.A;

    protected override IChannelBindings OtherNode => database.B;

    [Fact]
    public async Task EnsureTable_FreshDatabaseFromFourNodesAtOnceAndAgain_CreatesTheTableOnce()
    {
        var connectionString = await database.NewDatabaseAsync();
        var nodes = Enumerable.Range(0, 4).Select(_ => new ServiceDatabase(connectionString)).ToList();
        var stores = nodes.Select(n => new PostgreSqlChannelBindings(n, database.Clock)).ToList();
        try
        {
            await Task.WhenAll(nodes.Select(n => n.EnsureTablesAsync(CancellationToken.None)));
            await nodes[0].EnsureTablesAsync(CancellationToken.None);

            await stores[1].BindAsync("CFRESH", "INC-fresh", CancellationToken.None);
            Assert.Equal("INC-fresh", await stores[2].FindAsync("CFRESH", CancellationToken.None));
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using var command = dataSource.CreateCommand(
                "SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable, ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = $1");
            command.Parameters.AddWithValue(PostgreSqlChannelBindings.Table);
            Assert.Equal(
                "channel_id text NO, incident_id text NO, bound_at timestamp with time zone NO",
                await command.ExecuteScalarAsync() as string);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Bind_Then_BoundAtIsTheServiceClocksInstant()
    {
        var channel = "CCLOCK" + Guid.NewGuid().ToString("N")[..8];
        var clock = new FakeClock(Instant.FromUtc(2026, 6, 1, 3, 4, 5));
        var store = new PostgreSqlChannelBindings(database.NodeA, clock);
        await store.BindIfFreeAsync(channel, "INC-clock-1", CancellationToken.None);
        clock.Advance(Duration.FromMinutes(7));

        await store.BindAsync(channel, "INC-clock-2", CancellationToken.None);

        await using var dataSource = NpgsqlDataSource.Create(database.Server.ConnectionString);
        await using var command = dataSource.CreateCommand($"SELECT bound_at FROM {PostgreSqlChannelBindings.Table} WHERE channel_id = $1");
        command.Parameters.AddWithValue(channel);
        var boundAt = (DateTime)(await command.ExecuteScalarAsync())!;
        Assert.Equal(Instant.FromUtc(2026, 6, 1, 3, 11, 5), Instant.FromDateTimeUtc(DateTime.SpecifyKind(boundAt, DateTimeKind.Utc)));
    }

    [Fact]
    public async Task Find_ServerUnreachable_ThrowsNpgsqlExceptionAndChannelIncidentsAnswersUnavailable()
    {
        var nowhere = new NpgsqlConnectionStringBuilder(database.Server.ConnectionString) { Port = ServerProcess.FreePort(), Timeout = 3 }.ConnectionString;
        await using var unreachable = new ServiceDatabase(nowhere);
        var store = new PostgreSqlChannelBindings(unreachable, database.Clock);
        var logger = new RecordingLogger<ChannelIncidents>();
        var channels = new ChannelIncidents(logger, store);

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => store.FindAsync("CNOWHERE", CancellationToken.None));
        Assert.True((await channels.FindAsync("CNOWHERE", CancellationToken.None)).Failed);
        Assert.False(await channels.TryBindIfFreeAsync("CNOWHERE", "INC-1", CancellationToken.None));
        Assert.False(await channels.TryBindAsync("CNOWHERE", "INC-1", CancellationToken.None));
        Assert.Equal(3, logger.Warnings.Count);
        Assert.Contains("CNOWHERE could not be bound to INC-1", logger.Warnings[^1], StringComparison.Ordinal);
    }
}
