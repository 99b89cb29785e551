using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Record that the host reminded people of an obligation; a reminder meets nothing.</summary>
/// <param name="Key">The obligation's key.</param>
public sealed record RecordReminder(string Key) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.RecordReminder;

    internal override IncidentEvent ToEvent(Instant at, string by) => new ReminderSent(at, by, Key);
}
