using System.Net;
using System.Text.Json;
using IncidentService.Tests.Servers;
using NodaTime;

namespace IncidentService.Tests.Hosting;

public sealed class OperationsTests(ServiceHost service) : IClassFixture<ServiceHost>
{
    [Fact]
    public async Task Healthz_NoKey_AnswersOk()
    {
        using var client = service.ClientWithKey(null);

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_SiloAndStoreUp_AnswersReady()
    {
        using var client = service.ClientWithKey(null);

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_NoKey_Answers401()
    {
        using var client = service.ClientWithKey(null);

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_WithKey_ServesEveryServiceMetric()
    {
        using var client = service.ClientWithKey(ServiceHost.ReadOnlyKey);

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var name in new[]
        {
            "incident_service_alerts_received_total", "incident_service_incidents_opened_total", "incident_service_pages_sent_total",
            "incident_service_pages_failed_total", "incident_service_overdue_obligations", "incident_service_wakeup_lateness_seconds",
        })
        {
            Assert.Contains("# TYPE " + name.Replace("_total", "", StringComparison.Ordinal), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_AcknowledgementDeadlinePassed_CountsTheOverdueObligation()
    {
        await using var own = new ServiceHost().Set("OverdueRefresh", "00:00:00");
        var id = await own.RaiseAsync();
        await own.SettleAsync(id);
        using var client = own.ClientWithKey(ServiceHost.EngineerKey);
        Assert.Contains("incident_service_overdue_obligations 0", await ScrapeAsync(client), StringComparison.Ordinal);

        // SEV-2: acknowledge within 5 minutes of the alert.
        own.Clock.Advance(Duration.FromMinutes(6));

        var overdue = Gauge(await ScrapeAsync(client), "incident_service_overdue_obligations");
        Assert.True(overdue >= 1, $"overdue obligations: {overdue}");
    }

    [Fact]
    public async Task Metrics_IncidentRaised_CountsItOpenedOnceByWhoRaisedIt()
    {
        await using var own = new ServiceHost();
        var id = await own.RaiseAsync();
        await own.SettleAsync(id);
        await own.ApplyAsync(id, new IncidentPolicy.Lifecycle.AddNote("looking"), ServiceHost.Engineer);
        using var client = own.ClientWithKey(ServiceHost.EngineerKey);

        var scrape = await ScrapeAsync(client);

        Assert.Contains("incident_service_incidents_opened_total{source=\"monitoring\"} 1\n", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatcher_SevTwoRaised_PagesTheConfiguredWebhookOnceWithTheObligationKey()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var own = new ServiceHost().AddWebhook("pager", receiver.Url("hook"));

        var id = await own.RaiseAsync("Checkout error rate > 5%", "SEV-2");
        await own.SettleAsync(id);

        var page = Assert.Single(receiver.Requests);
        var key = page.Headers["Idempotency-Key"];
        Assert.StartsWith(id + "/escalate:", key, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(page.Body);
        Assert.Equal("page", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal(id, body.RootElement.GetProperty("incidentId").GetString());
        var log = await own.Grains.GetGrain<IncidentPolicy.Orleans.Grains.IIncidentGrain>(id).GetEventLogJsonAsync();
        Assert.Contains(key[(id.Length + 1)..], log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatcher_WebhookDown_PageStaysVisibleAsFailedAndIsNotRecordedAsSent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerAlways(503);
        await using var own = new ServiceHost()
            .AddWebhook("pager", receiver.Url("hook"))
            .Set("DeliveryRetryDelays:0", "00:00:00");

        var id = await own.RaiseAsync("Checkout error rate > 5%", "SEV-2");
        var journal = own.Services.GetService(typeof(IncidentService.Shared.ServiceJournal)) as IncidentService.Shared.ServiceJournal;
        Assert.NotNull(journal);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (journal.FailedDeliveries().Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no failed delivery was recorded");
            await Task.Delay(50);
        }

        var failed = Assert.Single(journal.FailedDeliveries());
        Assert.Equal((id, "pager", "HTTP 503 Service Unavailable"), (failed.IncidentId, failed.Webhook, failed.Error));
        var log = await own.Grains.GetGrain<IncidentPolicy.Orleans.Grains.IIncidentGrain>(id).GetEventLogJsonAsync();
        Assert.DoesNotContain("notificationSent", log, StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static double Gauge(string scrape, string name)
    {
        var line = scrape.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
