namespace IncidentPolicy.Escalation;

/// <summary>What an <see cref="EscalationRule"/> does to its target. Written camelCase in JSON (<c>page</c>).</summary>
/// <remarks>The library only decides; the host pages or notifies, and records it as <c>notificationSent</c>.</remarks>
public enum EscalationAction
{
    /// <summary>Page: an urgent, interrupting notification that wakes someone up (PagerDuty high urgency).</summary>
    Page,

    /// <summary>Notify: a message that needs no immediate answer, such as an e-mail or chat message.</summary>
    Notify,
}
