using IncidentPolicy.Lifecycle;

namespace IncidentService.Shared;

/// <summary>An incident's event log as its grain gave it.</summary>
/// <param name="IncidentId">The incident's id.</param>
/// <param name="Json">The event log document, as given (the API serves it unchanged).</param>
/// <param name="Events">Its events, parsed; never empty.</param>
public sealed record IncidentLog(string IncidentId, string Json, IReadOnlyList<IncidentEvent> Events);
