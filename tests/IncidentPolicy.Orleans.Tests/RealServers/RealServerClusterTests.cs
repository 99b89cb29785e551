using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.PostgreSql;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Orleans.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using IncidentPolicy.Orleans.Tests.WakeUps;
using NodaTime;
using Orleans;
using Orleans.Runtime;

namespace IncidentPolicy.Orleans.Tests.RealServers;

/// <summary>
/// The incident grains on a cluster wired as in production — membership and reminders in a real <c>redis-server</c>,
/// event logs in a real PostgreSQL, both started by the fixture — losing a silo to a kill, and restarted as a whole.
/// Wake-ups come only through Orleans' timer and reminder services; the test never calls a grain's wake-up.
/// </summary>
public sealed class RealServerClusterTests(RealServersFixture servers) : IClassFixture<RealServersFixture>
{

    // What the fast policy owes an unacknowledged SEV-1 incident (see Policies.Fast).
    private static readonly string[] DueKeys =
    [
        "escalate:page-on-call.1.on-call-engineer#1", "escalate:page-on-call.2.engineering-manager#1", "escalate:page-engineering-manager#1",
        "acknowledge", "declare", "assignCommander",
    ];

    [Fact]
    public async Task KillSilo_RedisAndPostgreSql_SurvivorPagesEveryIncidentAndLosesNothing()
    {
        var schema = $"lost_{Guid.NewGuid():N}";
        var clock = new TestClock(GrainCluster.Start);
        var dispatcher = new RecordingDispatcher(clock);
        await using var cluster = await RealServerCluster.StartAsync(servers.Redis, servers.PostgreSql, schema, $"lost-{Guid.NewGuid():N}", clock, dispatcher);
        await using var store = new PostgreSqlIncidentEventStore(servers.PostgreSql.ConnectionString, schema);
        AssertWiredToRealServers(cluster);
        var ids = Enumerable.Range(1, 24).Select(i => $"INC-real-{i:00}").ToList();
        var accepted = await GrainCluster.RaiseWithNotesAsync(cluster.Client, ids);

        var (victim, victimIncidents) = await BusiestSiloAsync(cluster, ids);
        var killedAt = clock.GetCurrentInstant();
        await cluster.Cluster.KillSiloAsync(victim);
        Assert.NotEmpty(victimIncidents);

        await Eventually.TrueAsync(
            () => AllRecordedAsync(store, ids), TimeSpan.FromSeconds(120), "every incident's pages and reminders to be recorded in PostgreSQL after the kill");

        await AssertLogsAsync(store, ids, accepted, dispatcher);
        foreach (var id in victimIncidents)
        {
            Assert.Contains(dispatcher.Sent, s => s.Action.IncidentId == id && s.At >= killedAt);
        }
    }

    [Fact]
    public async Task RestartCluster_WhileDeadlinesPass_NewSilosWakeEveryIncidentAndPageWhatFellDue()
    {
        var schema = $"restart_{Guid.NewGuid():N}";
        var clusterId = $"restart-{Guid.NewGuid():N}";
        var clock = new TestClock(GrainCluster.Start);
        var dispatcher = new RecordingDispatcher(clock);
        await using var store = new PostgreSqlIncidentEventStore(servers.PostgreSql.ConnectionString, schema);
        var ids = Enumerable.Range(1, 12).Select(i => $"INC-restart-{i:00}").ToList();

        // Time stands still while the incidents are raised, so only what is due at the alert is sent before the stop.
        clock.Freeze(GrainCluster.Start);
        Dictionary<string, List<ApplyAnswer>> accepted;
        var first = await RealServerCluster.StartAsync(servers.Redis, servers.PostgreSql, schema, clusterId, clock, dispatcher);
        try
        {
            accepted = await GrainCluster.RaiseWithNotesAsync(first.Client, ids);
        }
        finally
        {
            await first.DisposeAsync();
        }

        var before = new Dictionary<string, List<string>>();
        foreach (var id in ids)
        {
            before[id] = WakeUpTests.KeysRecorded(await store.ReadAsync(id));
        }

        // The cluster is down while every remaining deadline passes.
        clock.Advance(Duration.FromMinutes(5));
        var restartedAt = clock.GetCurrentInstant();
        clock.Run();
        await using var second = await RealServerCluster.StartAsync(servers.Redis, servers.PostgreSql, schema, clusterId, clock, dispatcher);

        await Eventually.TrueAsync(
            () => AllRecordedAsync(store, ids), TimeSpan.FromSeconds(120), "every incident to wake after the restart and record what fell due");

        await AssertLogsAsync(store, ids, accepted, dispatcher);
        foreach (var id in ids)
        {
            var fellDue = DueKeys.Except(before[id]).ToList();
            Assert.NotEmpty(fellDue);
            foreach (var key in fellDue)
            {
                Assert.Contains(dispatcher.Sent, s => s.Action.IncidentId == id && s.Action.ObligationKey == key && s.At >= restartedAt);
            }
        }
    }

    // Membership, reminders and the event store are the real servers' providers, not TestingHost's in-process ones.
    private static void AssertWiredToRealServers(RealServerCluster cluster)
    {
        foreach (var silo in cluster.Cluster.Silos)
        {
            var services = silo.SiloHost.Services;
            Assert.Contains("Redis", services.GetRequiredService<IMembershipTable>().GetType().Name, StringComparison.Ordinal);
            Assert.Contains("Redis", services.GetRequiredService<IReminderTable>().GetType().Name, StringComparison.Ordinal);
            Assert.IsType<PostgreSqlIncidentEventStore>(services.GetRequiredService<IIncidentEventStore>());
        }
    }


    private static async Task<bool> AllRecordedAsync(PostgreSqlIncidentEventStore store, List<string> ids)
    {
        foreach (var id in ids)
        {
            if (WakeUpTests.KeysRecorded(await store.ReadAsync(id)).Distinct().Count() < DueKeys.Length)
            {
                return false;
            }
        }

        return true;
    }

    // Every obligation key recorded exactly once, every accepted event at its version, every key handed to the dispatcher.
    private static async Task AssertLogsAsync(
        PostgreSqlIncidentEventStore store, List<string> ids, Dictionary<string, List<ApplyAnswer>> accepted, RecordingDispatcher dispatcher)
    {
        foreach (var id in ids)
        {
            var log = await store.ReadAsync(id);
            Assert.Equal(DueKeys.Order(StringComparer.Ordinal), WakeUpTests.KeysRecorded(log).Order(StringComparer.Ordinal));
            foreach (var answer in accepted[id])
            {
                Assert.Equal(answer.Event, log[answer.Version - 1]);
            }

            foreach (var key in DueKeys)
            {
                Assert.Contains(dispatcher.Sent, s => s.Action.IncidentId == id && s.Action.ObligationKey == key);
            }
        }
    }

    private static async Task<(global::Orleans.TestingHost.InProcessSiloHandle Silo, List<string> Incidents)> BusiestSiloAsync(RealServerCluster cluster, List<string> ids)
    {
        var statistics = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var busiest = statistics
            .Select(s => (Id: s.GrainId.Key.ToString(), s.SiloAddress))
            .Where(s => ids.Contains(s.Id))
            .GroupBy(s => s.SiloAddress)
            .OrderByDescending(g => g.Count())
            .First();
        return (cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(busiest.Key)), busiest.Select(s => s.Id).ToList());
    }
}
