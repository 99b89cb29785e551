using System.Net;
using IncidentPolicy.Orleans.Grains;
using IncidentPolicy.Orleans.WakeUps;

namespace IncidentService.Tests.Intake;

[Collection("Intake")]
public sealed class PagerDutyIntakeTests(ServiceHost factory) : IClassFixture<ServiceHost>
{
    [Fact]
    public async Task Enqueue_Trigger_202WithDedupKeyAndIncidentOpenedByTheIntegrationActor()
    {
        using var client = factory.CreateClient();

        var (status, body) = await IntakeClient.PostJsonAsync(client, "/v2/enqueue", IntakeClient.Trigger("pd-trigger-1"));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.Equal("Event processed", body.GetProperty("message").GetString());
        Assert.Equal("pd-trigger-1", body.GetProperty("dedup_key").GetString());
        var record = factory.Journal.RecentIntakes().First(r => r.DedupKey == "pd-trigger-1");
        Assert.True(record.Accepted, record.Reason);
        var incident = await factory.StateAsync(record.IncidentId!);
        Assert.Equal("checkout", incident.GetProperty("service").GetString());
        Assert.Equal("SEV-1", incident.GetProperty("severity").GetString());
        var fired = (await factory.EventsAsync(record.IncidentId!)).Single(e => e.GetProperty("type").GetString() == "alertFired");
        Assert.Equal("integration:pagerduty", fired.GetProperty("by").GetString());
    }

    [Fact]
    public async Task Enqueue_TriggerWithoutDedupKey_GeneratesOne()
    {
        using var client = factory.CreateClient();
        var json = $$$"""{"routing_key":"{{{ServiceHost.RoutingKey}}}","event_action":"trigger","payload":{"summary":"disk full","source":"node-3","severity":"warning"}}""";

        var (status, body) = await IntakeClient.PostJsonAsync(client, "/v2/enqueue", json);

        Assert.Equal(HttpStatusCode.Accepted, status);
        var key = body.GetProperty("dedup_key").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", key);
        var record = factory.Journal.RecentIntakes().First(r => r.DedupKey == key);
        Assert.Equal("SEV-3", (await factory.StateAsync(record.IncidentId!)).GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Enqueue_AcknowledgeThenResolveOfSev1_AcknowledgedAndResolveRefusedBy202WithTheReason()
    {
        using var client = factory.CreateClient();
        await IntakeClient.PostJsonAsync(client, "/v2/enqueue", IntakeClient.Trigger("pd-ack-1"));

        var (ackStatus, _) = await IntakeClient.PostJsonAsync(client, "/v2/enqueue",
            $$$"""{"routing_key":"{{{ServiceHost.RoutingKey}}}","event_action":"acknowledge","dedup_key":"pd-ack-1"}""");
        var (resolveStatus, resolveBody) = await IntakeClient.PostJsonAsync(client, "/v2/enqueue",
            $$$"""{"routing_key":"{{{ServiceHost.RoutingKey}}}","event_action":"resolve","dedup_key":"pd-ack-1"}""");

        Assert.Equal(HttpStatusCode.Accepted, ackStatus);
        Assert.Equal(HttpStatusCode.Accepted, resolveStatus);
        Assert.Equal("pd-ack-1", resolveBody.GetProperty("dedup_key").GetString());
        var records = factory.Journal.RecentIntakes().Where(r => r.DedupKey == "pd-ack-1").ToList();
        var refused = records.First();
        Assert.False(refused.Accepted);
        Assert.False(string.IsNullOrWhiteSpace(refused.Reason));
        var incident = await factory.StateAsync(refused.IncidentId!);
        Assert.Equal("acknowledged", incident.GetProperty("status").GetString());
        Assert.Equal("integration:pagerduty", incident.GetProperty("acknowledgedBy").GetString());
    }

    [Fact]
    public async Task Enqueue_AcknowledgeUnknownDedupKey_202AndRecordedAsNoIncident()
    {
        using var client = factory.CreateClient();

        var (status, _) = await IntakeClient.PostJsonAsync(client, "/v2/enqueue",
            $$$"""{"routing_key":"{{{ServiceHost.RoutingKey}}}","event_action":"acknowledge","dedup_key":"pd-never-fired"}""");

        Assert.Equal(HttpStatusCode.Accepted, status);
        var record = factory.Journal.RecentIntakes().First(r => r.DedupKey == "pd-never-fired");
        Assert.False(record.Accepted);
        Assert.Null(record.IncidentId);
        Assert.Contains("no open incident", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueue_WrongRoutingKey_400AndNothingOpened()
    {
        using var client = factory.CreateClient();
        var before = factory.Journal.RecentIntakes(1_000).Count;
        var json = """{"routing_key":"not-a-configured-key","event_action":"trigger","dedup_key":"pd-wrong-key","payload":{"summary":"x","source":"y","severity":"critical"}}""";

        var (status, body) = await IntakeClient.PostJsonAsync(client, "/v2/enqueue", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("routing_key: unknown routing key", body.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(before, factory.Journal.RecentIntakes(1_000).Count);
        var open = await factory.Grains.GetGrain<IOpenIncidentIndexGrain>(0).ListOpenAsync();
        Assert.DoesNotContain(open, h => h.DedupKey == "pd-wrong-key");
    }

    [Fact]
    public async Task Enqueue_AlertStorm1000AlertsOver10Keys_10Incidents10Pages()
    {
        using var client = factory.CreateClient();
        var keys = Enumerable.Range(0, 10).Select(k => $"storm-{k}").ToArray();
        using var gate = new SemaphoreSlim(50);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return (await IntakeClient.PostJsonAsync(client, "/v2/enqueue", IntakeClient.Trigger(keys[i % 10], summary: $"5xx burst {i}"))).Status;
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Accepted, s));
        var records = factory.Journal.RecentIntakes(1_000).Where(r => r.DedupKey!.StartsWith("storm-", StringComparison.Ordinal)).ToList();
        Assert.Equal(1_000, records.Count);
        Assert.All(records, r => Assert.True(r.Accepted, r.Reason));
        var incidents = records.Select(r => r.IncidentId!).Distinct().ToList();
        Assert.Equal(10, incidents.Count);
        foreach (var id in incidents)
        {
            var events = await factory.EventsAsync(id);
            Assert.Single(events, e => e.GetProperty("type").GetString() == "alertFired");
            Assert.Equal(99, events.Count(e => e.GetProperty("type").GetString() == "alertJoined"));
        }

        await Eventually(() => factory.Dispatcher.Sent.Count(a => a.Kind == DueActionKind.Page && incidents.Contains(a.IncidentId)) >= 10);
        var pages = factory.Dispatcher.Sent.Where(a => a.Kind == DueActionKind.Page && incidents.Contains(a.IncidentId)).ToList();
        Assert.Equal(10, pages.Count);
        Assert.Equal(incidents.Order(StringComparer.Ordinal), pages.Select(p => p.IncidentId).Order(StringComparer.Ordinal));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
