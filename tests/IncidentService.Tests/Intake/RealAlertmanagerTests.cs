using System.Net;
using System.Text.Json;
using IncidentPolicy.Orleans.Tests.Servers;
using IncidentService.Shared;
using IncidentService.Tests.Pages;
using IncidentService.Tests.Servers;

namespace IncidentService.Tests.Intake;

/// <summary>
/// The end-to-end test on the shared fixtures: a real Alertmanager (<see cref="AlertmanagerServer"/>) whose
/// webhook receiver is the service on Kestrel (a loopback port, the bearer token), and the service's outbound
/// <c>Json</c> webhook pointed at a <see cref="WebhookReceiver"/> — the real delivery path, no recording in between.
/// </summary>
/// <remarks>Alertmanager runs on the machine's clock; the service's clock is the test's and does not move, so no
/// escalation falls due while the test runs and every page the receiver gets comes from the alert.</remarks>
[Collection(ServiceHostCollection.Name)]
public sealed class RealAlertmanagerTests
{
    [Fact]
    public async Task Alertmanager_AlertFiresSlackAckThenResolves_OneIncidentOnePageAcknowledgedThenAlertCleared()
    {
        await using var pages = await WebhookReceiver.StartAsync();
        await using var service = new ServiceHost().AddWebhook("pager", pages.Url("hooks/pages"));
        var address = service.StartOnLoopback();
        await using var alertmanager = await AlertmanagerServer.StartAsync(new Uri(address, "webhooks/alertmanager"), ServiceHost.AlertmanagerToken);

        // Fired: one incident, its alert's fingerprint the dedup key, routed by the labels.
        var alert = await alertmanager.FireAsync(
            new Dictionary<string, string> { ["alertname"] = "CheckoutErrors", ["service"] = "checkout", ["severity"] = "critical" },
            new Dictionary<string, string> { ["summary"] = "checkout error rate above 5%" });
        var fired = await WaitForIntakeAsync(service, alertmanager, "the firing alert to reach the service");
        Assert.True(fired.Accepted, fired.Reason);
        var incidentId = fired.IncidentId!;
        var incident = await service.StateAsync(incidentId);
        Assert.Equal("checkout", incident.GetProperty("service").GetString());
        Assert.Equal("SEV-1", incident.GetProperty("severity").GetString());
        Assert.Equal(fired.DedupKey, incident.GetProperty("dedupKey").GetString());

        // Paged: the on-call page reaches the receiver through the outbound webhook, keyed for idempotency.
        var received = await pages.WaitForAsync(r => r.Any(x => IsPage(x, incidentId)), $"the page for {incidentId}");
        var page = received.First(x => IsPage(x, incidentId));
        var obligationKey = Json(page).GetProperty("obligationKey").GetString();
        Assert.Equal($"{incidentId}/{obligationKey}", page.Header("Idempotency-Key"));
        Assert.Equal(200, page.AnsweredStatus);

        // Acknowledged from Slack, by a signed command.
        using (var client = service.CreateClient())
        {
            var (status, reply) = await IntakeClient.SlackAsync(client, service, "UALEX", $"ack {incidentId}", "CREALAM");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("in_channel", reply.GetProperty("response_type").GetString());
        }

        Assert.Equal("alex", (await service.StateAsync(incidentId)).GetProperty("acknowledgedBy").GetString());

        // Resolved in Alertmanager: recorded as the alert cleared, the incident still acknowledged (a person resolves it).
        await alertmanager.ResolveAsync(alert);
        await ServerProcess.WaitUntilAsync(
            async () => (await service.EventsAsync(incidentId)).Any(e => Type(e) == "alertCleared"),
            dead: () => false,
            failure: () => $"alertCleared on {incidentId}; Alertmanager's log:\n{alertmanager.Tail()}");

        var events = await service.EventsAsync(incidentId);
        Assert.Equal("integration:alertmanager", events.Single(e => Type(e) == "alertCleared").GetProperty("by").GetString());
        Assert.Single(events, e => Type(e) == "alertFired");
        Assert.Equal("acknowledged", (await service.StateAsync(incidentId)).GetProperty("status").GetString());
        Assert.All(service.Journal.RecentIntakes().Where(r => r.Source == "alertmanager"), r => Assert.Equal(fired.DedupKey, r.DedupKey));
        Assert.Single(pages.Requests, x => x.Header("Idempotency-Key") == page.Header("Idempotency-Key"));
        Assert.Single(pages.Requests, x => IsPage(x, incidentId));
    }

    private static async Task<IntakeRecord> WaitForIntakeAsync(ServiceHost service, AlertmanagerServer alertmanager, string what)
    {
        IntakeRecord? found = null;
        await ServerProcess.WaitUntilAsync(
            () =>
            {
                found = service.Journal.RecentIntakes().FirstOrDefault(r => r.Source == "alertmanager");
                return Task.FromResult(found is not null);
            },
            dead: () => false,
            failure: () => $"{what}; Alertmanager's log:\n{alertmanager.Tail()}");
        return found!;
    }

    private static bool IsPage(ReceivedRequest request, string incidentId)
    {
        var body = Json(request);
        return body.GetProperty("incidentId").GetString() == incidentId && body.GetProperty("kind").GetString() == "page";
    }

    private static JsonElement Json(ReceivedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.Clone();
    }

    private static string? Type(JsonElement incidentEvent) => incidentEvent.GetProperty("type").GetString();
}
