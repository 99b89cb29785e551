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

    /// <summary>How many closed incidents the pages remember (for the status page's resolved list and the
    /// dashboard's overdue post-mortem action items): 500 by default, the oldest resolved forgotten first.</summary>
    public int MaxRememberedClosed { get; set; } = 500;

    /// <summary>Seconds between the dashboard's automatic reloads (a <c>meta refresh</c>); 60 by default, 0 for none.
    /// The countdowns move every second in between.</summary>
    public int DashboardRefreshSeconds { get; set; } = 60;
}
