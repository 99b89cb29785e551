namespace IncidentPolicy.PostMortems;

/// <summary>Counts of action items in one group of an <see cref="ActionItemReport"/>: all items, one owner's, or one
/// due week's.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Key">The group: <c>all</c>, an owner (<c>(none)</c> for a blank one), or an ISO due week such as
/// <c>2026-W23</c> (<c>(none)</c> for items without a due date).</param>
/// <param name="Total">Items in the group.</param>
/// <param name="Done">Items done.</param>
/// <param name="WontDo">Items closed as won't do.</param>
/// <param name="Open">Items open or in progress.</param>
/// <param name="Overdue">Open or in-progress items past the end of their due day.</param>
public sealed record ActionItemTally(string Key, int Total, int Done, int WontDo, int Open, int Overdue)
{
    /// <summary>The share of items closed — done or won't do, as the <c>actionItem</c> obligations count them —
    /// from 0 to 1; null when the group is empty.</summary>
    public double? CompletionRate => Total == 0 ? null : (double)(Done + WontDo) / Total;
}
