using System.Net;
using IncidentPolicy.Orleans.Grains;

namespace IncidentService.Tests.Intake;

[Collection("Intake")]
public sealed class AlertmanagerWebhookTests(ServiceHost factory) : IClassFixture<ServiceHost>
{
    private static string Payload(string status, string fingerprint, string labels = """{"alertname":"CheckoutErrors","service":"payments","severity":"critical"}""") =>
        $$$"""
        {"version":"4","groupKey":"{}:{alertname=\"CheckoutErrors\"}","truncatedAlerts":0,"status":"{{{status}}}","receiver":"team-checkout",
         "groupLabels":{"alertname":"CheckoutErrors"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://alertmanager:9093",
         "alerts":[{"status":"{{{status}}}","labels":{{{labels}}},"annotations":{"summary":"checkout error rate above 5%"},
                    "startsAt":"2026-05-29T13:59:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus/graph","fingerprint":"{{{fingerprint}}}"}]}
        """;

    [Fact]
    public async Task Webhook_Firing_OpensIncidentWithServiceAndSeverityFromLabels()
    {
        using var client = factory.CreateClient();

        var (status, _) = await IntakeClient.PostJsonAsync(client, "/webhooks/alertmanager", Payload("firing", "am-fp-1"), ServiceHost.AlertmanagerToken);

        Assert.Equal(HttpStatusCode.OK, status);
        var record = factory.Journal.RecentIntakes().First(r => r.DedupKey == "am-fp-1");
        Assert.True(record.Accepted, record.Reason);
        var incident = await factory.StateAsync(record.IncidentId!);
        Assert.Equal("payments", incident.GetProperty("service").GetString());
        Assert.Equal("SEV-1", incident.GetProperty("severity").GetString());
        Assert.Equal("checkout error rate above 5%", incident.GetProperty("summary").GetString());
        Assert.Equal("am-fp-1", incident.GetProperty("dedupKey").GetString());
    }

    [Fact]
    public async Task Webhook_NoServiceLabelAndUnmappedSeverity_ReceiverServiceAndNoSeverity()
    {
        using var client = factory.CreateClient();

        await IntakeClient.PostJsonAsync(client, "/webhooks/alertmanager",
            Payload("firing", "am-fp-2", """{"alertname":"Slow","severity":"page-someone"}"""), ServiceHost.AlertmanagerToken);

        var record = factory.Journal.RecentIntakes().First(r => r.DedupKey == "am-fp-2");
        var incident = await factory.StateAsync(record.IncidentId!);
        Assert.Equal("checkout", incident.GetProperty("service").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, incident.GetProperty("severity").ValueKind);
    }

    [Fact]
    public async Task Webhook_Resolved_RecordsAlertClearedAndIncidentStaysOpen()
    {
        using var client = factory.CreateClient();
        await IntakeClient.PostJsonAsync(client, "/webhooks/alertmanager", Payload("firing", "am-fp-3"), ServiceHost.AlertmanagerToken);

        var (status, _) = await IntakeClient.PostJsonAsync(client, "/webhooks/alertmanager", Payload("resolved", "am-fp-3"), ServiceHost.AlertmanagerToken);

        Assert.Equal(HttpStatusCode.OK, status);
        var record = factory.Journal.RecentIntakes().First(r => r.DedupKey == "am-fp-3");
        Assert.True(record.Accepted, record.Reason);
        var events = await factory.EventsAsync(record.IncidentId!);
        var cleared = events.Single(e => e.GetProperty("type").GetString() == "alertCleared");
        Assert.Equal("integration:alertmanager", cleared.GetProperty("by").GetString());
        Assert.Equal("triggered", (await factory.StateAsync(record.IncidentId!)).GetProperty("status").GetString());
        var open = await factory.Grains.GetGrain<IOpenIncidentIndexGrain>(0).ListOpenAsync();
        Assert.Contains(open, h => h.IncidentId == record.IncidentId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Webhook_MissingOrWrongBearerToken_401AndNothingOpened(string? token)
    {
        using var client = factory.CreateClient();
        var fingerprint = $"am-unauthorized-{token ?? "none"}";

        var (status, body) = await IntakeClient.PostJsonAsync(client, "/webhooks/alertmanager", Payload("firing", fingerprint), token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.NotEmpty(body.GetProperty("errors").EnumerateArray());
        Assert.DoesNotContain(factory.Journal.RecentIntakes(1_000), r => r.DedupKey == fingerprint);
        var open = await factory.Grains.GetGrain<IOpenIncidentIndexGrain>(0).ListOpenAsync();
        Assert.DoesNotContain(open, h => h.DedupKey == fingerprint);
    }
}
