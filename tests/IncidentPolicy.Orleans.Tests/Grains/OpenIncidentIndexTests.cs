using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Orleans.Tests.Support;
using NodaTime;

namespace IncidentPolicy.Orleans.Tests.Grains;

public sealed class OpenIncidentIndexTests(DefaultPolicyCluster fixture) : IClassFixture<DefaultPolicyCluster>
{
    private GrainCluster Cluster => fixture.Grains;

    [Fact]
    public async Task ListOpenAsync_ResolvedIncident_LeavesTheIndexOthersStay()
    {
        var prefix = "INC-index-" + Guid.NewGuid().ToString("N")[..8];
        var actor = new Actor("alex", "on-call-engineer", "incident-commander");
        foreach (var i in Enumerable.Range(1, 3))
        {
            await Cluster.Client.GetGrain<IIncidentGrain>($"{prefix}-{i}").ApplyAsync(new RaiseAlert($"alert {i}", "api", null), new Actor("monitoring"), 0);
        }

        var closing = Cluster.Client.GetGrain<IIncidentGrain>($"{prefix}-2");
        var declined = ApplyAnswer.Conflict(await closing.GetVersionAsync());
        while (declined.Outcome == ApplyOutcome.Conflict)
        {
            declined = await closing.ApplyAsync(new Decline("noise"), actor, declined.Version);
        }
        Assert.True(declined.IsAccepted, declined.ToString());

        var open = await Cluster.Client.GetGrain<IOpenIncidentIndexGrain>(0).ListOpenAsync();

        Assert.Equal([$"{prefix}-1", $"{prefix}-3"], open.Where(h => h.IncidentId.StartsWith(prefix, StringComparison.Ordinal)).Select(h => h.IncidentId).Order(StringComparer.Ordinal));
        Assert.All(open.Where(h => h.IncidentId.StartsWith(prefix, StringComparison.Ordinal)), h => Assert.Equal(ResponsePolicy.Default.ContentHash, h.PolicyHash));
    }

    [Fact]
    public async Task ListOpenAsync_TenThousandOpenIncidents_AllInOneCall()
    {
        var store = new InMemoryIncidentEventStore();
        var at = Instant.FromUtc(2026, 5, 29, 4, 0);
        for (var i = 0; i < 10_000; i++)
        {
            var id = $"INC-bulk-{i:00000}";
            var fired = new AlertFired(at, "monitoring", $"alert {i}", "api", "SEV-3", ResponsePolicy.Default.ContentHash);
            await store.AppendAsync(id, 0, fired, new IncidentHead(id, 1, IncidentStatus.Triggered, "SEV-3", "api", fired.Summary, null, at, at, fired.PolicyHash, null));
        }

        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1, store: store);

        var open = await cluster.Client.GetGrain<IOpenIncidentIndexGrain>(0).ListOpenAsync();

        Assert.Equal(10_000, open.Count);
        Assert.Equal("INC-bulk-00000", open[0].IncidentId);
        Assert.Equal("INC-bulk-09999", open[^1].IncidentId);
    }
}
