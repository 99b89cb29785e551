namespace IncidentPolicy.PostMortems;

/// <summary>What a post-mortem check found. Written camelCase in JSON (<c>noActionItems</c>).</summary>
public enum PostMortemFindingCode
{
    /// <summary>The severity requires a post-mortem with action items (Rule 5) and it has none.</summary>
    NoActionItems,

    /// <summary>An action item has no owner (Rule 6).</summary>
    ActionItemWithoutOwner,

    /// <summary>An action item has no due date (Rule 6).</summary>
    ActionItemWithoutDueDate,

    /// <summary>The post-mortem was not scheduled, and the policy's window after resolution has passed.</summary>
    NotScheduled,

    /// <summary>The post-mortem was scheduled after the policy's window after resolution.</summary>
    ScheduledLate,

    /// <summary>A sentence of the root cause or contributing factors names a participant of the incident (Rule 4).</summary>
    NamesParticipant,
}
