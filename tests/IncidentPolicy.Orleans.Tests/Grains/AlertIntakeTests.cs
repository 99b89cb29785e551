using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.Tests.Support;
using IncidentPolicy.Orleans.WakeUps;

namespace IncidentPolicy.Orleans.Tests.Grains;

public sealed class AlertIntakeTests
{
    [Fact]
    public async Task TriggerAsync_AlertStorm1000AlertsOver10Keys_10Incidents10Pages()
    {
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default);
        var keys = Enumerable.Range(0, 10).Select(k => $"checkout-5xx-{k}").ToArray();

        var answers = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i =>
            cluster.Client.GetGrain<IAlertIntakeGrain>(keys[i % 10]).TriggerAsync($"5xx burst {i}", "checkout", "SEV-1")));

        Assert.All(answers, a => Assert.True(a.Answer!.IsAccepted, a.Answer.ToString()));
        var incidents = answers.Select(a => a.IncidentId!).Distinct().ToList();
        Assert.Equal(10, incidents.Count);
        var open = await cluster.Client.GetGrain<IOpenIncidentIndexGrain>(0).ListOpenAsync();
        Assert.Equal(keys.Order(StringComparer.Ordinal), open.Select(h => h.DedupKey!).Order(StringComparer.Ordinal));
        foreach (var id in incidents)
        {
            var log = await cluster.Store.ReadAsync(id);
            Assert.Equal(99, log.OfType<AlertJoined>().Count());
            Assert.Single(log.OfType<AlertFired>());
        }

        await Eventually.TrueAsync(() => cluster.Dispatcher.Sent.Count(s => s.Action.Kind == DueActionKind.Page) >= 10,
            TimeSpan.FromSeconds(30), "a page per incident");
        var pages = cluster.Dispatcher.Sent.Where(s => s.Action.Kind == DueActionKind.Page).Select(s => s.Action).ToList();
        Assert.Equal(10, pages.Count);
        Assert.Equal(incidents.Order(StringComparer.Ordinal), pages.Select(p => p.IncidentId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AcknowledgeResolveClear_ByDedupKey_ReachTheOpenIncidentAsTheIntakeActor()
    {
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1);
        var intake = cluster.Client.GetGrain<IAlertIntakeGrain>("db-latency");
        var raised = await intake.TriggerAsync("db latency high", "db", null);

        var acknowledged = await intake.AcknowledgeAsync();
        var cleared = await intake.ClearAsync();
        var resolved = await intake.ResolveAsync("latency back to normal");

        Assert.Equal(raised.IncidentId, acknowledged.IncidentId);
        Assert.True(acknowledged.Answer!.IsAccepted, acknowledged.Answer.ToString());
        Assert.IsType<AlertCleared>(cleared.Answer!.Event);
        Assert.True(resolved.Answer!.IsAccepted, resolved.Answer.ToString());
        var log = await cluster.Store.ReadAsync(raised.IncidentId!);
        Assert.All(log.Where(e => e is Acknowledged or AlertCleared or Resolved), e => Assert.Equal("alert-intake", e.By));
        Assert.DoesNotContain(await cluster.Client.GetGrain<IOpenIncidentIndexGrain>(0).ListOpenAsync(), h => h.IncidentId == raised.IncidentId);

        var again = await intake.TriggerAsync("db latency high again", "db", null);
        Assert.NotEqual(raised.IncidentId, again.IncidentId);
    }

    [Fact]
    public async Task AcknowledgeAsync_NoOpenIncidentWithTheKey_NoIncident()
    {
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1);

        var answer = await cluster.Client.GetGrain<IAlertIntakeGrain>("never-fired").AcknowledgeAsync();

        Assert.Equal(AlertIntakeAnswer.NoIncident, answer);
    }

    [Fact]
    public async Task ResolveAsync_PolicyRuleNotMet_RejectedAsForAnyActor()
    {
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1);
        var intake = cluster.Client.GetGrain<IAlertIntakeGrain>("api-down");
        var raised = await intake.TriggerAsync("api down", "api", "SEV-2");
        await intake.AcknowledgeAsync();
        var incident = cluster.Client.GetGrain<IIncidentGrain>(raised.IncidentId!);
        var declared = ApplyAnswer.Conflict(await incident.GetVersionAsync());
        while (declared.Outcome == ApplyOutcome.Conflict)
        {
            // A wake-up may record a page in between; the conflict carries the version to retry at.
            declared = await incident.ApplyAsync(new Declare("SEV-2", "api down"), new Actor("alex", "on-call-engineer"), declared.Version);
        }
        Assert.True(declared.IsAccepted, declared.ToString());

        var resolved = await intake.ResolveAsync("recovered");

        Assert.Equal(ApplyOutcome.Rejected, resolved.Answer!.Outcome);
        Assert.Equal("commander.required", resolved.Answer.Rejection!.RuleId);
    }

    [Fact]
    public async Task Commands_WithAnActor_RecordedAsThatActorNotTheIntakeActor()
    {
        await using var cluster = await GrainCluster.StartAsync(ResponsePolicy.Default, silos: 1);
        var intake = cluster.Client.GetGrain<IAlertIntakeGrain>("queue-depth");
        var pagerDuty = new Actor("integration:pagerduty");
        var alertmanager = new Actor("integration:alertmanager");

        var raised = await intake.TriggerAsync("queue depth high", "queue", null, pagerDuty);
        var joined = await intake.TriggerAsync("queue depth high", "queue", null, alertmanager);
        var acknowledged = await intake.AcknowledgeAsync(pagerDuty);
        var cleared = await intake.ClearAsync(alertmanager);
        var resolved = await intake.ResolveAsync("drained", pagerDuty);

        Assert.All([raised, joined, acknowledged, cleared, resolved], a => Assert.True(a.Answer!.IsAccepted, a.Answer.ToString()));
        var log = await cluster.Store.ReadAsync(raised.IncidentId!);
        Assert.Equal("integration:pagerduty", log.OfType<AlertFired>().Single().By);
        Assert.Equal("integration:alertmanager", log.OfType<AlertJoined>().Single().By);
        Assert.Equal("integration:pagerduty", log.OfType<Acknowledged>().Single().By);
        Assert.Equal("integration:alertmanager", log.OfType<AlertCleared>().Single().By);
        Assert.Equal("integration:pagerduty", log.OfType<Resolved>().Single().By);
    }
}
