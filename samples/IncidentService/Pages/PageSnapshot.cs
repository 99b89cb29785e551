using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using NodaTime;

namespace IncidentService.Pages;

/// <summary>What one rendering of a page read: the clock's instant, the open incidents and the remembered closed ones
/// (each with its evaluation at that instant), the incidents that could not be read, and whether more were open than
/// read.</summary>
/// <param name="Now">The injected clock's instant.</param>
/// <param name="Open">The open incidents, oldest alert first.</param>
/// <param name="Closed">The remembered closed incidents, most recently resolved first.</param>
/// <param name="Unreadable">Incidents whose logs could not be read or replayed.</param>
/// <param name="MoreOpen">Whether the index listed more open incidents than were read.</param>
internal sealed record PageSnapshot(Instant Now, IReadOnlyList<ReadIncident> Open, IReadOnlyList<ReadIncident> Closed, IReadOnlyList<UnreadableIncident> Unreadable, bool MoreOpen);

/// <summary>An incident replayed from its log, and its evaluation.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="Evaluation">Its obligations at the snapshot's instant.</param>
internal sealed record ReadIncident(Incident Incident, Evaluation Evaluation);

/// <summary>An incident the pages could not read, and why.</summary>
/// <param name="IncidentId">Its id.</param>
/// <param name="Reason">What went wrong.</param>
internal sealed record UnreadableIncident(string IncidentId, string Reason);
