using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Orleans.Tests.WakeUps;

/// <summary>
/// The whole cluster stops and new silos start: the reminders (in <see cref="SharedReminderTable"/>, which outlives
/// the silos as Redis would) wake every open incident, which pages what fell due while the cluster was down. The test
/// reads only the store until then: no grain is called, so no activation comes from the test.
/// </summary>
public sealed class ClusterRestartTests
{
    private static readonly string[] DueKeys =
    [
        "escalate:page-on-call.1.on-call-engineer#1", "escalate:page-on-call.2.engineering-manager#1", "escalate:page-engineering-manager#1",
        "acknowledge", "declare", "assignCommander",
    ];

    [Fact]
    public async Task Restart_AllSilosStoppedAndNewOnesStarted_EveryOpenIncidentPagesWhatFellDue()
    {
        await using var cluster = await GrainCluster.StartAsync(Policies.Fast);
        var ids = Enumerable.Range(1, 6).Select(i => $"INC-restart-{i}").ToList();
        foreach (var id in ids)
        {
            var raised = await cluster.Client.GetGrain<IIncidentGrain>(id).ApplyAsync(new RaiseAlert($"{id} down", "api", "SEV-1"), new Actor("monitoring"), 0);
            Assert.True(raised.IsAccepted, raised.ToString());
        }

        await cluster.Cluster.StopAllSilosAsync();
        var downAt = cluster.Clock.GetCurrentInstant();
        cluster.Clock.Advance(Duration.FromSeconds(10));
        await cluster.Cluster.StartSilosAsync(2);

        await Eventually.TrueAsync(async () =>
        {
            foreach (var id in ids)
            {
                if (WakeUpTests.KeysRecorded(await cluster.Store.ReadAsync(id)).Count < DueKeys.Length)
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromSeconds(60), "every incident to page and remind after the restart");

        foreach (var id in ids)
        {
            Assert.Equal(DueKeys.Order(StringComparer.Ordinal), WakeUpTests.KeysRecorded(await cluster.Store.ReadAsync(id)).Order(StringComparer.Ordinal));
            Assert.Contains(cluster.Dispatcher.Sent, s => s.Action.IncidentId == id && s.At > downAt);
        }
    }
}
