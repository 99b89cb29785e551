using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>An action item's status changed. Written <c>actionItemStatusChanged</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Id">The item's id.</param>
/// <param name="Status">The new status.</param>
/// <param name="Reason">Why, or null; required for won't do.</param>
public sealed record ActionItemStatusChanged(Instant At, string By, string Id, ActionItemStatus Status, string? Reason = null) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.ChangeActionItemStatus;

    /// <inheritdoc/>
    public override string Type => "actionItemStatusChanged";
}
