using IncidentPolicy.Lifecycle;

namespace IncidentService.Api;

/// <summary>An incident as the API read it: the event log document the grain gave and the incident replayed from it.</summary>
/// <param name="Incident">The incident, replayed under the policy it is governed by.</param>
/// <param name="EventLogJson">The grain's event log document, as given.</param>
internal sealed record ReadIncident(Incident Incident, string EventLogJson);
