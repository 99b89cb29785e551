using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The host sent a page or notification for an obligation. Written <c>notificationSent</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Key">The obligation's key, such as escalate:page-engineering-manager#1.</param>
/// <param name="Target">Who was paged or notified.</param>
public sealed record NotificationSent(Instant At, string By, string Key, string Target) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.RecordNotification;

    /// <inheritdoc/>
    public override string Type => "notificationSent";
}
