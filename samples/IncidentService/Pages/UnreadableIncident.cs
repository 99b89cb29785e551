namespace IncidentService.Pages;

/// <summary>An incident the pages could not read, and why.</summary>
/// <param name="IncidentId">Its id.</param>
/// <param name="Reason">What went wrong.</param>
internal sealed record UnreadableIncident(string IncidentId, string Reason);
