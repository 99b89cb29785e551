using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The host sent a reminder about an obligation. Written <c>reminderSent</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Key">The obligation's key.</param>
public sealed record ReminderSent(Instant At, string By, string Key) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.RecordReminder;

    /// <inheritdoc/>
    public override string Type => "reminderSent";
}
