using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>A note was added. Written <c>noteAdded</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Text">The note.</param>
public sealed record NoteAdded(Instant At, string By, string Text) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.AddNote;

    /// <inheritdoc/>
    public override string Type => "noteAdded";
}
