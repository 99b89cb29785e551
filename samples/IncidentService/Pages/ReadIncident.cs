using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;

namespace IncidentService.Pages;

/// <summary>An incident replayed from its log, and its evaluation.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="Evaluation">Its obligations at the snapshot's instant.</param>
internal sealed record ReadIncident(Incident Incident, Evaluation Evaluation);
