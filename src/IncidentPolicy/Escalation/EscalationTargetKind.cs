namespace IncidentPolicy.Escalation;

/// <summary>What an <see cref="EscalationTarget"/>'s id names. Written camelCase in JSON (<c>role</c>).</summary>
public enum EscalationTargetKind
{
    /// <summary>One person, by the id the host knows them by (a chat or paging user id).</summary>
    Person,

    /// <summary>A role of the policy, such as <c>engineering-manager</c>; the host resolves who holds it.</summary>
    Role,

    /// <summary>An on-call schedule of the policy: whoever it has on call at the notification's due instant
    /// (<c>Schedule.OnCallAt</c>); the obligation's reason names who and why.</summary>
    Schedule,
}
