using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>An action item was completed. Written <c>actionItemCompleted</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Id">The item's id.</param>
public sealed record ActionItemCompleted(Instant At, string By, string Id) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.CompleteActionItem;

    /// <inheritdoc/>
    public override string Type => "actionItemCompleted";
}
