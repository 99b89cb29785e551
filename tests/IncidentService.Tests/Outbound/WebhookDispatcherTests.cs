using System.Text.Json;
using IncidentPolicy;
using IncidentPolicy.Orleans.WakeUps;
using IncidentService.Hosting;
using IncidentService.Operations;
using IncidentService.Outbound;
using IncidentService.Shared;
using IncidentService.Tests.Servers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;

namespace IncidentService.Tests.Outbound;

public sealed class WebhookDispatcherTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 5, 29, 4, 0);

    private static readonly DueAction Page = new(
        "INC-1", "escalate:page-on-call#1", DueActionKind.Page, ObligationKind.Escalate, "role:on-call-engineer", "Checkout error rate > 5%: page the on-call engineer", Now);

    private readonly ServiceJournal _journal = new();
    private readonly ServiceMetrics _metrics = new();

    [Fact]
    public async Task DispatchAsync_JsonWebhook_PostsTheActionWithItsIdempotencyKey()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var dispatcher = Dispatcher(("pager", receiver.Url("hook"), WebhookKind.Json));

        await dispatcher.DispatchAsync(Page, CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("INC-1/escalate:page-on-call#1", request.Headers["Idempotency-Key"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("INC-1", body.RootElement.GetProperty("incidentId").GetString());
        Assert.Equal("escalate:page-on-call#1", body.RootElement.GetProperty("obligationKey").GetString());
        Assert.Equal("INC-1/escalate:page-on-call#1", body.RootElement.GetProperty("idempotencyKey").GetString());
        Assert.Equal("page", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal("escalate", body.RootElement.GetProperty("obligation").GetString());
        Assert.Equal("role:on-call-engineer", body.RootElement.GetProperty("target").GetString());
        Assert.Equal("2026-05-29T04:00:00Z", body.RootElement.GetProperty("dueAt").GetString());
        Assert.Empty(_journal.FailedDeliveries());
        Assert.Contains("incident_service_pages_sent_total{webhook=\"pager\",kind=\"page\"} 1", await ScrapeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_SlackWebhook_PostsATextMessageWithSlackEscaping()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var dispatcher = Dispatcher(("slack", receiver.Url("hook"), WebhookKind.Slack));
        var action = Page with { Text = "errors <@U123> & <!channel> > 5%" };

        await dispatcher.DispatchAsync(action, CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Single(body.RootElement.EnumerateObject());
        var text = body.RootElement.GetProperty("text").GetString()!;
        Assert.Contains("*Page* INC-1", text, StringComparison.Ordinal);
        Assert.Contains("errors &lt;@U123&gt; &amp; &lt;!channel&gt; &gt; 5%", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<@U123>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_FailsTwiceThenAnswers_DeliversOnTheThirdQuickAttemptAndRecordsEach()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerNext(StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable);
        var dispatcher = Dispatcher(("pager", receiver.Url("hook"), WebhookKind.Json));

        await dispatcher.DispatchAsync(Page, CancellationToken.None);

        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal("INC-1/escalate:page-on-call#1", r.Headers["Idempotency-Key"]));
        Assert.Empty(_journal.FailedDeliveries());
        var scrape = await ScrapeAsync();
        Assert.Contains("incident_service_pages_failed_total{webhook=\"pager\",kind=\"page\"} 2", scrape, StringComparison.Ordinal);
        Assert.Contains("incident_service_pages_sent_total{webhook=\"pager\",kind=\"page\"} 1", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_WebhookKeepsFailing_ThrowsAndLeavesTheFailureVisibleUntilARetryDelivers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerAlways(StatusCodes.Status500InternalServerError);
        var dispatcher = Dispatcher(("pager", receiver.Url("hook"), WebhookKind.Json));

        var error = await Assert.ThrowsAsync<WebhookDeliveryException>(() => dispatcher.DispatchAsync(Page, CancellationToken.None));

        Assert.Contains("pager: HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, receiver.Requests.Count);
        var failed = Assert.Single(_journal.FailedDeliveries());
        Assert.Equal(("INC-1", "escalate:page-on-call#1", "pager", 3, false), (failed.IncidentId, failed.ObligationKey, failed.Webhook, failed.Attempt, failed.Delivered));
        Assert.Equal("HTTP 500 Internal Server Error", failed.Error);

        // The grain hands the same action over again after its retry delay; now the webhook answers.
        receiver.AnswerAlways(null);
        await dispatcher.DispatchAsync(Page, CancellationToken.None);

        Assert.Equal(4, receiver.Requests.Count);
        Assert.Empty(_journal.FailedDeliveries());
    }

    [Fact]
    public async Task DispatchAsync_OneOfTwoWebhooksFails_TheRetrySendsOnlyToTheFailedOne()
    {
        await using var good = await WebhookReceiver.StartAsync();
        await using var bad = await WebhookReceiver.StartAsync();
        bad.AnswerAlways(StatusCodes.Status502BadGateway);
        var dispatcher = Dispatcher(("good", good.Url("hook"), WebhookKind.Json), ("bad", bad.Url("hook"), WebhookKind.Slack));

        await Assert.ThrowsAsync<WebhookDeliveryException>(() => dispatcher.DispatchAsync(Page, CancellationToken.None));
        bad.AnswerAlways(null);
        await dispatcher.DispatchAsync(Page, CancellationToken.None);

        Assert.Single(good.Requests);
        Assert.Equal(4, bad.Requests.Count);
        Assert.Empty(_journal.FailedDeliveries());
    }

    [Fact]
    public async Task DispatchAsync_NobodyListens_RecordsTheConnectionFailure()
    {
        var closed = new Uri($"http://127.0.0.1:{IncidentPolicy.Orleans.Tests.Servers.ServerProcess.FreePort()}/hook");
        var dispatcher = Dispatcher(("pager", closed, WebhookKind.Json));

        await Assert.ThrowsAsync<WebhookDeliveryException>(() => dispatcher.DispatchAsync(Page, CancellationToken.None));

        var failed = Assert.Single(_journal.FailedDeliveries());
        Assert.False(string.IsNullOrWhiteSpace(failed.Error));
        Assert.Equal(3, failed.Attempt);
    }

    [Fact]
    public async Task DispatchAsync_NoWebhookConfigured_LogsTheActionAndRecordsItDelivered()
    {
        var dispatcher = Dispatcher();

        await dispatcher.DispatchAsync(Page, CancellationToken.None);

        Assert.Empty(_journal.FailedDeliveries());
        Assert.Contains("incident_service_pages_sent_total{webhook=\"log\",kind=\"page\"} 1", await ScrapeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_ActionDueEarlier_ObservesTheLatenessOfTheFirstHandoverOnly()
    {
        var dispatcher = Dispatcher();

        await dispatcher.DispatchAsync(Page with { DueAt = Now - Duration.FromSeconds(7) }, CancellationToken.None);
        await dispatcher.DispatchAsync(Page with { DueAt = Now - Duration.FromSeconds(7) }, CancellationToken.None);

        var scrape = await ScrapeAsync();
        Assert.Contains("incident_service_wakeup_lateness_seconds_count 1", scrape, StringComparison.Ordinal);
        Assert.Contains("incident_service_wakeup_lateness_seconds_sum 7", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_WebhookMovedAndTheClientFollowsRedirects_FailedAttemptNotADelivery()
    {
        await using var moved = await MovedWebhook.StartAsync();
        var dispatcher = Dispatcher(("pager", moved.Url("moved"), WebhookKind.Json));

        await Assert.ThrowsAsync<WebhookDeliveryException>(() => dispatcher.DispatchAsync(Page, CancellationToken.None));

        // The plain client followed the 302 as a GET, which the landing page answered 200: not a page delivered.
        Assert.All(moved.Landed, method => Assert.Equal("GET", method));
        var failed = Assert.Single(_journal.FailedDeliveries());
        Assert.Contains("redirected", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("/landing", failed.Error, StringComparison.Ordinal);
        Assert.Equal(3, failed.Attempt);
    }

    [Fact]
    public async Task DispatchAsync_HttpClientTimesOutByItself_RecordedAsAFailedAttempt()
    {
        await using var slow = await MovedWebhook.StartAsync();
        var dispatcher = Dispatcher(new TimingOutClients(), ("pager", slow.Url("slow"), WebhookKind.Json));

        await Assert.ThrowsAsync<WebhookDeliveryException>(() => dispatcher.DispatchAsync(Page, CancellationToken.None));

        var failed = Assert.Single(_journal.FailedDeliveries());
        Assert.Contains("cancelled before an answer", failed.Error, StringComparison.Ordinal);
        Assert.Contains("incident_service_pages_failed_total{webhook=\"pager\",kind=\"page\"} 3", await ScrapeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_ClientThrowsSomethingUnexpected_RecordedAsAFailedAttempt()
    {
        var dispatcher = Dispatcher(new ThrowingClients(), ("pager", new Uri("http://127.0.0.1:9/hook"), WebhookKind.Json));

        await Assert.ThrowsAsync<WebhookDeliveryException>(() => dispatcher.DispatchAsync(Page, CancellationToken.None));

        var failed = Assert.Single(_journal.FailedDeliveries());
        Assert.Equal("InvalidOperationException: the handler broke", failed.Error);
    }

    [Fact]
    public async Task DispatchAsync_CallerCancels_CancellationPropagatesNotAFailedDelivery()
    {
        await using var slow = await MovedWebhook.StartAsync();
        var dispatcher = Dispatcher(("pager", slow.Url("slow"), WebhookKind.Json));
        using var cancel = new CancellationTokenSource();
        var dispatch = dispatcher.DispatchAsync(Page, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatch);
        Assert.Empty(_journal.FailedDeliveries());
    }

    [Fact]
    public async Task DispatchAsync_NoWebhookAndManyActions_RemembersNoMoreThanTheBound()
    {
        var dispatcher = Dispatcher();
        dispatcher.MaxRemembered = 3;

        for (var i = 0; i < 10; i++)
        {
            await dispatcher.DispatchAsync(Page with { ObligationKey = $"escalate:page-on-call#{i + 1}" }, CancellationToken.None);
        }

        Assert.InRange(dispatcher.RememberedHandovers, 1, 4);
    }

    [Fact]
    public async Task AddOutboundPages_TheWebhookClient_FollowsNoRedirectAndHasNoClientWideTimeout()
    {
        await using var moved = await MovedWebhook.StartAsync();
        var services = new ServiceCollection();
        services.AddOutboundPages();
        await using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookDispatcher.ClientName);

        using var content = new StringContent("{}");
        using var response = await client.PostAsync(moved.Url("moved"), content);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(moved.Landed);
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
    }

    private WebhookDispatcher Dispatcher(params (string Name, Uri Url, WebhookKind Kind)[] webhooks) => Dispatcher(new PlainClients(), webhooks);

    private WebhookDispatcher Dispatcher(IHttpClientFactory clients, params (string Name, Uri Url, WebhookKind Kind)[] webhooks)
    {
        var options = new ServiceOptions { DeliveryTimeout = TimeSpan.FromSeconds(5) };
        options.DeliveryRetryDelays.Add(TimeSpan.Zero);
        options.DeliveryRetryDelays.Add(TimeSpan.Zero);
        foreach (var (name, url, kind) in webhooks)
        {
            options.Webhooks.Add(new WebhookOptions { Name = name, Url = url, Kind = kind });
        }

        return new WebhookDispatcher(
            ServiceConfiguration.Check(options), clients, _journal, _metrics, new FakeClock(Now), TimeProvider.System, NullLogger<WebhookDispatcher>.Instance);
    }

    private async Task<string> ScrapeAsync()
    {
        using var stream = new MemoryStream();
        await _metrics.Registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class PlainClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    /// <summary>Clients whose own timeout (the one <c>HttpClient</c> has by default, 100 s) is shorter than the
    /// dispatcher's per-attempt timeout.</summary>
    private sealed class TimingOutClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new() { Timeout = TimeSpan.FromMilliseconds(200) };
    }

    /// <summary>Clients whose handler fails with an exception no HTTP client documents.</summary>
    private sealed class ThrowingClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new Throwing());

        private sealed class Throwing : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromException<HttpResponseMessage>(new InvalidOperationException("the handler broke"));
        }
    }
}
