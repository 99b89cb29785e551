using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using IncidentPolicy.Orleans.WakeUps;
using IncidentService.Hosting;
using IncidentService.Operations;
using IncidentService.Shared;
using NodaTime;

namespace IncidentService.Outbound;

/// <summary>
/// Delivers each due page, notification and reminder to every configured webhook (the incident grains'
/// <see cref="IIncidentDispatcher"/>).
/// </summary>
/// <remarks>
/// <para>Each webhook gets a few quick attempts (<see cref="ServiceConfiguration.RetryDelays"/>, waited on the host's
/// <see cref="TimeProvider"/>), each bounded by <see cref="ServiceOptions.DeliveryTimeout"/>. A 2xx answer is delivered;
/// anything else — another status (a redirect included: it is not followed), a timeout, a refused connection, any other
/// exception of the HTTP client — is a failed attempt. Every attempt is recorded in
/// the <see cref="ServiceJournal"/> (the dashboard shows deliveries whose last attempt failed) and counted in the
/// metrics. When a webhook still fails, the dispatch throws <see cref="WebhookDeliveryException"/>: the grain records
/// nothing and hands the same action over again after its retry delay, so a failed page is never dropped, only
/// retried until it is delivered.</para>
/// <para>Webhooks that already took an action are not sent it again when the grain retries for another webhook's sake
/// (this node remembers up to 100,000 deliveries, then forgets them all; after that, or after a lost node, a webhook may
/// see an action twice, with the
/// same <c>Idempotency-Key</c>). With no webhook configured the action is written to the log at warning level and
/// recorded as delivered to <c>log</c>, so dev mode runs with nothing set up.</para>
/// <para>Thread-safe: grains dispatch concurrently.</para>
/// </remarks>
internal sealed partial class WebhookDispatcher(
    ServiceConfiguration settings,
    IHttpClientFactory clients,
    ServiceJournal journal,
    ServiceMetrics metrics,
    IClock clock,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : IIncidentDispatcher
{
    /// <summary>The named HTTP client deliveries use.</summary>
    public const string ClientName = "incident-service-webhooks";

    /// <summary>The journal's webhook name for actions written to the log because no webhook is configured.</summary>
    public const string LogWebhook = "log";

    private readonly ConcurrentDictionary<(string IncidentId, string ObligationKey, string Webhook), int> _attempts = new();
    private readonly ConcurrentDictionary<(string IncidentId, string ObligationKey, string Webhook), bool> _delivered = new();
    private readonly ConcurrentDictionary<(string IncidentId, string ObligationKey), byte> _handedOver = new();

    /// <summary>How many deliveries (and first handovers) this node remembers before it forgets them all; 100,000
    /// unless a test says otherwise.</summary>
    internal int MaxRemembered { get; set; } = 100_000;

    /// <summary>How many first handovers are remembered now (for tests).</summary>
    internal int RememberedHandovers => _handedOver.Count;

    public async Task DispatchAsync(DueAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["IncidentId"] = action.IncidentId, ["ObligationKey"] = action.ObligationKey });
        var kind = action.Kind.ToString().ToLowerInvariant();
        // Bounded before anything is added, on every path: with no webhook configured nothing else would ever clear
        // the handovers, and a long-running dev node would keep one entry per action it ever logged.
        if (_delivered.Count > MaxRemembered || _handedOver.Count > MaxRemembered)
        {
            _delivered.Clear();
            _attempts.Clear();
            _handedOver.Clear();
        }

        if (_handedOver.TryAdd((action.IncidentId, action.ObligationKey), 0))
        {
            // The first handover only: the grain's retries after a failed delivery are not wake-ups.
            metrics.WakeUpLateness(clock.GetCurrentInstant() - action.DueAt);
        }

        if (settings.Webhooks.Count == 0)
        {
            LogToConsole(logger, kind, action.Target, action.Text);
            journal.RecordDelivery(new DeliveryRecord(clock.GetCurrentInstant(), action.IncidentId, action.ObligationKey, LogWebhook, 1, true, null));
            metrics.Delivery(LogWebhook, kind, delivered: true);
            return;
        }

        var outcomes = await Task.WhenAll(settings.Webhooks.Select(w => DeliverAsync(action, w, kind, cancellationToken)));
        var failures = outcomes.Where(o => o is not null).ToList();
        if (failures.Count > 0)
        {
            throw new WebhookDeliveryException(
                $"{action.Kind} {WebhookMessages.IdempotencyKey(action)} not delivered to {string.Join("; ", failures)}; the incident will retry it.");
        }
    }

    /// <summary>Delivers to one webhook with the quick retries.</summary>
    /// <returns><see langword="null"/> when delivered, else <c>name: last error</c>.</returns>
    private async Task<string?> DeliverAsync(DueAction action, Webhook webhook, string kind, CancellationToken cancellationToken)
    {
        var id = (action.IncidentId, action.ObligationKey, webhook.Name);
        if (_delivered.ContainsKey(id))
        {
            return null;
        }

        var body = WebhookMessages.Body(action, webhook.Kind);
        string? error = null;
        for (var quick = 0; quick <= settings.RetryDelays.Count; quick++)
        {
            if (quick > 0)
            {
                await Task.Delay(settings.RetryDelays[quick - 1], time, cancellationToken);
            }

            var attempt = _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            error = await AttemptAsync(action, webhook, body, cancellationToken);
            journal.RecordDelivery(new DeliveryRecord(clock.GetCurrentInstant(), action.IncidentId, action.ObligationKey, webhook.Name, attempt, error is null, error));
            metrics.Delivery(webhook.Name, kind, error is null);
            if (error is null)
            {
                _delivered[id] = true;
                LogDelivered(logger, kind, webhook.Name, attempt);
                return null;
            }

            LogFailed(logger, kind, webhook.Name, attempt, error);
        }

        return $"{webhook.Name}: {error}";
    }

    private async Task<string?> AttemptAsync(DueAction action, Webhook webhook, string body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(settings.Options.DeliveryTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
            {
                Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            request.Headers.Add("Idempotency-Key", WebhookMessages.IdempotencyKey(action));
            using var response = await clients.CreateClient(ClientName).SendAsync(request, linked.Token);
            if (request.Method != HttpMethod.Post)
            {
                // A client that follows redirects turns the POST into a GET on 301/302/303 and drops the body: a 2xx
                // for that GET is not a delivery. (The service's own client follows none; this guards any other.)
                return $"redirected to {Site(request.RequestUri)} as a {request.Method}, so the page was not posted; configure the final URL";
            }

            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}{Location(response)}";
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {settings.Options.DeliveryTimeout.TotalSeconds:0.#} s";
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Cancelled by neither our timeout nor the caller: the HTTP client's own timeout, for instance.
            return $"cancelled before an answer: {e.Message}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
#pragma warning disable CA1031 // Any other failure of an attempt is a failed attempt: recorded, shown, retried — never lost.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private static string Location(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? $" (redirect to {Site(location)}; configure the final URL)" : "";

    /// <summary>Where a URL points, without its path: a webhook URL's path is often its secret (Slack's are), and
    /// errors are shown on the dashboard.</summary>
    private static string Site(Uri? url) => url is { IsAbsoluteUri: true } ? url.GetLeftPart(UriPartial.Authority) + "/…" : "a relative URL";

    [LoggerMessage(Level = LogLevel.Warning, Message = "No webhook configured; {Kind} for {Target}: {Text}")]
    private static partial void LogToConsole(ILogger logger, string kind, string target, string text);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} delivered to {Webhook} (attempt {Attempt}).")]
    private static partial void LogDelivered(ILogger logger, string kind, string webhook, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} not delivered to {Webhook} (attempt {Attempt}): {Error}")]
    private static partial void LogFailed(ILogger logger, string kind, string webhook, int attempt, string error);
}
