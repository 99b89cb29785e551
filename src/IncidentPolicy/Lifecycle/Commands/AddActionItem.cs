using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Add a post-mortem action item with its owner and due date (Rule 6).</summary>
/// <param name="Id">The item's id within the incident, such as AI-1.</param>
/// <param name="Action">What will be done.</param>
/// <param name="Owner">Who owns it.</param>
/// <param name="Due">The due date, in the policy's time zone.</param>
public sealed record AddActionItem(string Id, string Action, string Owner, LocalDate Due) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.AddActionItem;

    internal override IncidentEvent ToEvent(Instant at, string by) => new ActionItemAdded(at, by, Id, Action, Owner, Due);
}
