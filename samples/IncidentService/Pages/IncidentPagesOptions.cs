using IncidentPolicy;
using NodaTime;

namespace IncidentService.Pages;

/// <summary>Settings of the status page and the dashboard.</summary>
/// <remarks>Plain mutable options, read per request; set them once at start-up.</remarks>
public sealed class IncidentPagesOptions
{
    /// <summary>The policy whose schedules say who is on call now on the dashboard. <see langword="null"/> (the
    /// default): a <see cref="ResponsePolicy"/> registered in the services when there is one, else the seed's
    /// <see cref="ResponsePolicy.Default"/> (the dev mode's policy). The schedules of the policies the listed incidents
    /// were opened under are shown too.</summary>
    public ResponsePolicy? OnCallPolicy { get; set; }

    /// <summary>How long a resolved incident stays on the status page: 7 days.</summary>
    public Duration ResolvedWindow { get; set; } = Duration.FromDays(7);

    /// <summary>How many open incidents one page reads (oldest alert first); past it the page says that more exist.
    /// 500 by default: each is one grain call and a replay.</summary>
    public int MaxOpenIncidents { get; set; } = 500;

    /// <summary>How long after its last event an ended incident's overdue post-mortem action items stay on the
    /// dashboard: 90 days. An action item of an incident whose last event is older than that is not shown, however
    /// overdue; any event recorded on the incident later brings it back for another lookback.</summary>
    public Duration ActionItemLookback { get; set; } = Duration.FromDays(90);

    /// <summary>How many ended incidents one page render reads at most (those with the most recent last event first):
    /// 200 by default. The event store lists them in one query; a log is read and replayed only when the incident
    /// changed since the node last read it. Past the limit the dashboard says that older ended incidents were left
    /// out. Incidents resolved within <see cref="ResolvedWindow"/> are always among the most recent, so the status page
    /// misses one only when more than this many incidents had an event within the resolved window.</summary>
    public int MaxEndedIncidents { get; set; } = 200;

    /// <summary>Seconds between the dashboard's automatic reloads (a <c>meta refresh</c>); 60 by default, 0 for none.
    /// The countdowns move every second in between.</summary>
    public int DashboardRefreshSeconds { get; set; } = 60;
}
