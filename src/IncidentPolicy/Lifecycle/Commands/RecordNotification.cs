using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Record that the host sent the page or notification an escalate obligation called for.</summary>
/// <param name="Key">The obligation's key, such as escalate:page-engineering-manager#1.</param>
/// <param name="Target">Who was paged or notified.</param>
public sealed record RecordNotification(string Key, string Target) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.RecordNotification;

    internal override IncidentEvent ToEvent(Instant at, string by) => new NotificationSent(at, by, Key, Target);
}
