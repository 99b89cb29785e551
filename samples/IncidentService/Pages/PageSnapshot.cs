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
