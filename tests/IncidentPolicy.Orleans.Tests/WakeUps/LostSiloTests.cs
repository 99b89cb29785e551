using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Tests.Support;
using Orleans;
using Orleans.Runtime;

namespace IncidentPolicy.Orleans.Tests.WakeUps;

/// <summary>
/// A silo dies (killed, not stopped) while its incidents have wake-ups pending. Membership is TestingHost's in-process
/// table and reminders are in <see cref="SharedReminderTable"/>: both are held by the test process, like Redis in
/// production, so they survive losing any silo — Orleans' development clustering and in-memory reminder table live in
/// the primary silo and would die with it, which would test nothing. The event store is shared the same way.
/// </summary>
public sealed class LostSiloTests
{

    private static readonly string[] DueKeys =
    [
        "escalate:page-on-call.1.on-call-engineer#1", "escalate:page-on-call.2.engineering-manager#1", "escalate:page-engineering-manager#1",
        "acknowledge", "declare", "assignCommander",
    ];

    [Fact]
    public async Task KillSilo_WithPendingWakeUps_SurvivorPagesEveryIncidentAndLosesNothing()
    {
        await using var cluster = await GrainCluster.StartAsync(Policies.Fast);
        var ids = Enumerable.Range(1, 24).Select(i => $"INC-lost-{i:00}").ToList();
        var accepted = await GrainCluster.RaiseWithNotesAsync(cluster.Client, ids);

        var victim = await BusiestSiloAsync(cluster, ids);
        var killedAt = cluster.Clock.GetCurrentInstant();
        await cluster.Cluster.KillSiloAsync(victim.Silo);
        Assert.True(victim.Incidents.Count > 0);
        var pendingAtKill = new Dictionary<string, List<string>>();
        foreach (var id in victim.Incidents)
        {
            var recordedAtKill = WakeUpTests.KeysRecorded(await cluster.Store.ReadAsync(id));
            pendingAtKill[id] = [.. DueKeys.Except(recordedAtKill)];
        }

        Assert.Contains(pendingAtKill.Values, keys => keys.Count > 0);

        await Eventually.TrueAsync(async () =>
        {
            foreach (var id in ids)
            {
                if (WakeUpTests.KeysRecorded(await cluster.Store.ReadAsync(id)).Distinct().Count() < DueKeys.Length)
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromSeconds(90), "every incident's pages and reminders to be recorded after the kill");

        foreach (var id in ids)
        {
            var log = await cluster.Store.ReadAsync(id);
            var recorded = WakeUpTests.KeysRecorded(log);
            Assert.Equal(DueKeys.Order(StringComparer.Ordinal), recorded.Order(StringComparer.Ordinal));
            foreach (var answer in accepted[id])
            {
                Assert.Equal(answer.Event, log[answer.Version - 1]);
            }

            foreach (var key in DueKeys)
            {
                Assert.Contains(cluster.Dispatcher.Sent, s => s.Action.IncidentId == id && s.Action.ObligationKey == key);
            }
        }

        // What the dead silo had not sent, the survivor sent after the kill.
        foreach (var (id, keys) in pendingAtKill)
        {
            Assert.All(keys, key => Assert.Contains(cluster.Dispatcher.Sent, s => s.Action.IncidentId == id && s.Action.ObligationKey == key && s.At >= killedAt));
        }
    }

    private static async Task<(global::Orleans.TestingHost.InProcessSiloHandle Silo, List<string> Incidents)> BusiestSiloAsync(GrainCluster cluster, List<string> ids)
    {
        var statistics = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var byIncident = statistics
            .Select(s => (Id: s.GrainId.Key.ToString(), s.SiloAddress))
            .Where(s => ids.Contains(s.Id))
            .ToList();
        var busiest = byIncident.GroupBy(s => s.SiloAddress).OrderByDescending(g => g.Count()).First();
        var silo = cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(busiest.Key));
        return (silo, busiest.Select(s => s.Id).ToList());
    }
}
