using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.PostMortems;

/// <summary>An action item as <see cref="ActionItemReport"/> sees it at its instant: which incident it belongs to,
/// when it is due and whether it is overdue.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="IncidentId">The incident the item came from.</param>
/// <param name="Item">The item, with its status.</param>
/// <param name="DueAt">The end of its due day in the incident's policy zone (as the <c>actionItem</c> obligation is
/// due), or null when it has no due date or its due day ends past the last instant NodaTime represents (then it is
/// never overdue).</param>
/// <param name="IsOverdue">Open or in progress, and the report's instant is at or after <paramref name="DueAt"/>.</param>
public sealed record TrackedActionItem(string IncidentId, ActionItem Item, Instant? DueAt, bool IsOverdue)
{
    /// <summary>Whether the item is closed: done, or won't do (with a reason).</summary>
    public bool IsClosed => Item.Status is ActionItemStatus.Done or ActionItemStatus.WontDo;
}
