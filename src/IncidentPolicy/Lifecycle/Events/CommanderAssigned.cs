using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>An Incident Commander was assigned (or took over). Written <c>commanderAssigned</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Person">The person id of the new commander.</param>
public sealed record CommanderAssigned(Instant At, string By, string Person) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.AssignCommander;

    /// <inheritdoc/>
    public override string Type => "commanderAssigned";
}
