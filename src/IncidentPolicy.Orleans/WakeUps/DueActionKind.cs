namespace IncidentPolicy.Orleans.WakeUps;

/// <summary>What kind of message a <see cref="DueAction"/> asks the host to send.</summary>
public enum DueActionKind
{
    /// <summary>A page: an escalation rule or escalation-policy step whose action is to page its target. Recorded as
    /// <c>notificationSent</c>.</summary>
    Page,

    /// <summary>A notification: an escalation whose action is to notify (no page). Recorded as
    /// <c>notificationSent</c>.</summary>
    Notify,

    /// <summary>A reminder of a duty that is due or overdue (acknowledge, declare, a status update, …). Recorded as
    /// <c>reminderSent</c>.</summary>
    Reminder,
}
