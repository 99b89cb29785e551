using IncidentService.Hosting;
using NodaTime;
using Prometheus;

namespace IncidentService.Operations;

/// <summary>
/// The service's Prometheus metrics, in a registry of its own (one per host, so two hosts in one test process do not
/// share counts). Counters are per node: sum them across nodes. Thread-safe.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>incident_service_alerts_received_total{source}</c>: counted by the intakes through
/// <see cref="AlertReceived"/> (accepted or not).</item>
/// <item><c>incident_service_incidents_opened_total{source}</c>: counted at the event store (<c>CountingEventStore</c>)
/// when an incident's first event is stored, labelled with the actor who raised it.</item>
/// <item><c>incident_service_pages_sent_total{webhook,kind}</c>, <c>incident_service_pages_failed_total{webhook,kind}</c>:
/// each delivery attempt to each webhook, by its outcome (a failed attempt retried and then delivered counts once in
/// each).</item>
/// <item><c>incident_service_overdue_obligations</c>: overdue obligations of the open incidents, counted on scrape at
/// most every <see cref="ServiceOptions.OverdueRefresh"/> (it evaluates every open incident).</item>
/// <item><c>incident_service_wakeup_lateness_seconds</c>: how long after its due instant each action first reached the
/// dispatcher (retries after a failed delivery are not wake-ups and are not observed again).</item>
/// </list>
/// </remarks>
public sealed class ServiceMetrics
{
    private readonly Counter _alertsReceived;
    private readonly Counter _incidentsOpened;
    private readonly Counter _pagesSent;
    private readonly Counter _pagesFailed;
    private readonly Gauge _overdue;
    private readonly Histogram _lateness;

    /// <summary>Creates the metrics in a new registry.</summary>
    public ServiceMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _alertsReceived = factory.CreateCounter("incident_service_alerts_received_total", "Alerts received by the intakes.", "source");
        _incidentsOpened = factory.CreateCounter("incident_service_incidents_opened_total", "Incidents opened by alerts.", "source");
        _pagesSent = factory.CreateCounter("incident_service_pages_sent_total", "Pages, notifications and reminders delivered to a webhook.", "webhook", "kind");
        _pagesFailed = factory.CreateCounter("incident_service_pages_failed_total", "Failed attempts to deliver a page, notification or reminder to a webhook.", "webhook", "kind");
        _overdue = factory.CreateGauge("incident_service_overdue_obligations", "Overdue obligations of the open incidents.");
        _lateness = factory.CreateHistogram("incident_service_wakeup_lateness_seconds", "How long after it fell due an action reached the dispatcher.",
            new HistogramConfiguration { Buckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600] });
    }

    /// <summary>The registry <c>/metrics</c> serves.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Counts an alert an intake received (accepted or not).</summary>
    /// <param name="source">The intake: <c>alertmanager</c>, <c>pagerduty</c>.</param>
    public void AlertReceived(string source) => _alertsReceived.WithLabels(source).Inc();

    /// <summary>Counts an incident an alert opened (not one it joined).</summary>
    /// <param name="source">The actor who raised it (the intake's integration actor, or a person).</param>
    public void IncidentOpened(string source) => _incidentsOpened.WithLabels(source).Inc();

    /// <summary>Counts a delivery attempt by its outcome.</summary>
    /// <param name="webhook">The webhook's name.</param>
    /// <param name="kind">page, notify or reminder.</param>
    /// <param name="delivered">Whether it was delivered.</param>
    public void Delivery(string webhook, string kind, bool delivered) => (delivered ? _pagesSent : _pagesFailed).WithLabels(webhook, kind).Inc();

    /// <summary>Observes how late an action reached the dispatcher (negative lateness counts as zero).</summary>
    /// <param name="lateness">The dispatch instant minus the due instant.</param>
    public void WakeUpLateness(Duration lateness) => _lateness.Observe(Math.Max(0, lateness.TotalSeconds));

    /// <summary>Sets the overdue-obligations gauge.</summary>
    /// <param name="count">The count.</param>
    public void SetOverdue(int count) => _overdue.Set(count);

    /// <summary>The overdue-obligations gauge's current value (for tests and the dashboard).</summary>
    public double Overdue => _overdue.Value;
}
