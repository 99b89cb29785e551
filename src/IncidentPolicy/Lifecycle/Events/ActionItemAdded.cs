using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>An action item was added. Written <c>actionItemAdded</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Id">The item's id within the incident, such as AI-1.</param>
/// <param name="Action">What will be done.</param>
/// <param name="Owner">Who owns it.</param>
/// <param name="Due">The due date, in the policy's time zone.</param>
public sealed record ActionItemAdded(Instant At, string By, string Id, string Action, string Owner, LocalDate Due) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.AddActionItem;

    /// <inheritdoc/>
    public override string Type => "actionItemAdded";
}
