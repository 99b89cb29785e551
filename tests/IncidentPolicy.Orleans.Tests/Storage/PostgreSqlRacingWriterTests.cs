using System.Collections.Concurrent;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.PostgreSql;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Orleans.Tests.Servers;
using Npgsql;
using NodaTime;

namespace IncidentPolicy.Orleans.Tests.Storage;

/// <summary>
/// Writers that race for the same version of one incident through separate connection pools — as two silos, or two
/// activations after a split brain, would: exactly one append wins, the others answer false, and nothing is lost or
/// overwritten.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlRacingWriterTests(PostgreSqlServer server) : IAsyncLifetime
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 5, 29, 14, 0);
    private readonly string _schema = $"race_{Guid.NewGuid():N}";
    private readonly List<NpgsqlDataSource> _dataSources = [];

    public async Task InitializeAsync() => await NewStore().EnsureSchemaAsync();

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }

    [Fact]
    public async Task AppendAsync_TwoConnectionsSameVersion_OneWinsTheOtherIsRefused()
    {
        var silo1 = NewStore();
        var silo2 = NewStore();
        const int rounds = 40;

        for (var version = 0; version < rounds; version++)
        {
            var from1 = Note(version, "silo-1");
            var from2 = Note(version, "silo-2");
            var answers = await Task.WhenAll(
                Task.Run(() => silo1.AppendAsync("INC-1", version, from1, Head("INC-1", version + 1, "silo-1"))),
                Task.Run(() => silo2.AppendAsync("INC-1", version, from2, Head("INC-1", version + 1, "silo-2"))));

            Assert.True(answers[0] ^ answers[1], $"round {version}: exactly one of the two appends wins ({answers[0]}, {answers[1]})");
            var log = await silo1.ReadAsync("INC-1");
            Assert.Equal(version + 1, log.Count);
            Assert.Equal(answers[0] ? from1 : from2, log[version]);
        }

        var final = await silo2.ReadAsync("INC-1");
        Assert.Equal(rounds, final.Count);
        var head = Assert.Single(await silo2.ListOpenAsync());
        Assert.Equal(rounds, head.Version);
        Assert.Equal(final[^1].By, head.Summary);
    }

    [Fact]
    public async Task AppendAsync_ManyWritersManyRounds_EveryAcceptedEventStoredOnceAtItsVersion()
    {
        // Eight writers, each with its own pool, each reading the log and appending the next version until 60 events
        // are stored: the winners' events are the whole log, in order, and no refused event appears anywhere.
        const int writers = 8;
        const int target = 60;
        var stores = Enumerable.Range(0, writers).Select(_ => NewStore()).ToArray();
        var accepted = new ConcurrentDictionary<int, IncidentEvent>();
        var refused = new ConcurrentBag<IncidentEvent>();

        await Task.WhenAll(stores.Select((store, w) => Task.Run(async () =>
        {
            var attempt = 0;
            while (true)
            {
                var version = (await store.ReadAsync("INC-many")).Count;
                if (version >= target)
                {
                    return;
                }

                var incidentEvent = new NoteAdded(T0 + Duration.FromSeconds(version), $"writer-{w}", $"attempt {attempt++} for version {version + 1}");
                if (await store.AppendAsync("INC-many", version, incidentEvent, Head("INC-many", version + 1, $"writer-{w}")))
                {
                    Assert.True(accepted.TryAdd(version + 1, incidentEvent), $"version {version + 1} accepted twice");
                }
                else
                {
                    refused.Add(incidentEvent);
                }
            }
        })));

        var log = await stores[0].ReadAsync("INC-many");
        Assert.Equal(target, log.Count);
        Assert.Equal(Enumerable.Range(1, target).Select(v => accepted[v]), log);
        Assert.DoesNotContain(log, refused.Contains);
        var head = Assert.Single(await stores[0].ListOpenAsync());
        Assert.Equal(target, head.Version);
        Assert.Equal(accepted[target].By, head.Summary);
    }

    [Fact]
    public async Task AppendAsync_ManyIncidentsRacedAtOnce_OneWinnerEach()
    {
        var silo1 = NewStore();
        var silo2 = NewStore();
        var ids = Enumerable.Range(0, 200).Select(i => $"INC-{i:D3}").ToArray();

        var answers = await Task.WhenAll(ids.SelectMany(id => new[]
        {
            Task.Run(async () => (id, silo: 1, won: await silo1.AppendAsync(id, 0, Note(0, "silo-1"), Head(id, 1, "silo-1")))),
            Task.Run(async () => (id, silo: 2, won: await silo2.AppendAsync(id, 0, Note(0, "silo-2"), Head(id, 1, "silo-2")))),
        }));

        foreach (var id in ids)
        {
            var winner = Assert.Single(answers, a => a.id == id && a.won);
            var log = await silo1.ReadAsync(id);
            Assert.Equal($"silo-{winner.silo}", Assert.Single(log).By);
        }
    }

    private PostgreSqlIncidentEventStore NewStore()
    {
        // A data source per writer: its own pool of connections, as another process would have.
        var dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        _dataSources.Add(dataSource);
        return new PostgreSqlIncidentEventStore(dataSource, _schema);
    }

    private static IncidentEvent Note(int version, string by) =>
        version == 0
            ? new AlertFired(T0, by, "Checkout error rate above 5%")
            : new NoteAdded(T0 + Duration.FromSeconds(version), by, $"version {version + 1} from {by}");

    // The head's summary names the writer, so a test can tell whose head was kept.
    private static IncidentHead Head(string id, int version, string writer) =>
        new(id, version, IncidentStatus.Triggered, null, null, writer, null, T0, T0 + Duration.FromSeconds(version - 1), null, null);
}
