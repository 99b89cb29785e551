using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Add a note to the timeline, such as "Root cause identified".</summary>
/// <param name="Text">The note.</param>
public sealed record AddNote(string Text) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.AddNote;

    internal override IncidentEvent ToEvent(Instant at, string by) => new NoteAdded(at, by, Text);
}
