using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Complete an action item.</summary>
/// <param name="Id">The item's id.</param>
public sealed record CompleteActionItem(string Id) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.CompleteActionItem;

    internal override IncidentEvent ToEvent(Instant at, string by) => new ActionItemCompleted(at, by, Id);
}
