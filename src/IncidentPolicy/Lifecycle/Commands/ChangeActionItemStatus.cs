using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Change an action item's status, e.g. to won't do with a reason.</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Status">The new status.</param>
/// <param name="Reason">Why, or null; required for won't do.</param>
public sealed record ChangeActionItemStatus(string Id, ActionItemStatus Status, string? Reason = null) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.ChangeActionItemStatus;

    internal override IncidentEvent ToEvent(Instant at, string by) => new ActionItemStatusChanged(at, by, Id, Status, Reason);
}
