using IncidentService.Shared;

namespace IncidentService.Pages;

/// <summary>What the dashboard shows besides the incidents: who is on call, the service journal's failures and
/// refusals, and flagged changes — already filtered for the viewer.</summary>
/// <param name="OnCall">Who is on call now, per schedule.</param>
/// <param name="FailedDeliveries">Deliveries whose last attempt failed.</param>
/// <param name="RefusedIntakes">Recent intake events the policy refused.</param>
/// <param name="FlaggedChanges">Changes flagged as made in a change window without approval (the last 7 days).</param>
/// <param name="RecentChanges">Per open incident id, the changes to its service in the 2 hours before its alert.</param>
/// <param name="ChangeLogConfigured">Whether the service has a change log.</param>
internal sealed record DashboardExtras(
    IReadOnlyList<OnCallRow> OnCall,
    IReadOnlyList<DeliveryRecord> FailedDeliveries,
    IReadOnlyList<IntakeRecord> RefusedIntakes,
    IReadOnlyList<ChangeRecord> FlaggedChanges,
    IReadOnlyDictionary<string, IReadOnlyList<ChangeRecord>> RecentChanges,
    bool ChangeLogConfigured);
