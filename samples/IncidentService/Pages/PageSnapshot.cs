using NodaTime;

namespace IncidentService.Pages;

/// <summary>What one rendering of a page read: the clock's instant, the open incidents and the recently ended ones
/// (each with its evaluation at that instant), the incidents that could not be read, and whether more were open or
/// ended than read.</summary>
/// <param name="Now">The injected clock's instant.</param>
/// <param name="Open">The open incidents, oldest alert first.</param>
/// <param name="Ended">The ended incidents whose last event is within the pages' lookback, most recent last event
/// first (the event store's order).</param>
/// <param name="Unreadable">Incidents whose logs could not be read or replayed.</param>
/// <param name="MoreOpen">Whether the index listed more open incidents than were read.</param>
/// <param name="MoreEnded">Whether the event store answered as many ended incidents as the pages read, so older ones
/// within the lookback may have been left out.</param>
internal sealed record PageSnapshot(
    Instant Now,
    IReadOnlyList<ReadIncident> Open,
    IReadOnlyList<ReadIncident> Ended,
    IReadOnlyList<UnreadableIncident> Unreadable,
    bool MoreOpen,
    bool MoreEnded);
