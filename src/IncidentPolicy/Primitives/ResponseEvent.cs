namespace IncidentPolicy.Primitives;

/// <summary>
/// An event that shows a role has responded to an incident, and so meets that role's <c>respond:ROLE</c> obligation
/// (<see cref="Role.RespondedBy"/>). Written in policy files as the event's name, with the audience after a colon for
/// the two audience-specific status updates: <c>roleAssigned</c>, <c>acknowledged</c>, <c>declared</c>,
/// <c>statusUpdatePosted</c>, <c>statusUpdatePosted:external</c>, <c>statusUpdatePosted:internal</c>,
/// <c>noteAdded</c>, <c>mitigated</c>, <c>channelCreated</c>.
/// </summary>
/// <remarks>
/// <para><see cref="RoleAssigned"/> counts when the role is assigned in the incident, whoever assigns it. Every other
/// event counts only when its actor holds the role at the event's instant, as the event log tells: the Incident
/// Commander holds <c>incident-commander</c>, whoever acknowledges holds <c>on-call-engineer</c> (so an
/// acknowledgement always meets the on-call role's obligation when it lists <see cref="Acknowledged"/>), a person
/// assigned a role holds it from then on, and a person on call on one of the policy's schedules for the role holds it
/// while on call. The organisation roles a host passes in an <c>Actor</c> are not recorded in the log and do not
/// count.</para>
/// </remarks>
public enum ResponseEvent
{
    /// <summary>The role is assigned in the incident (<c>roleAssigned</c> of that role).</summary>
    RoleAssigned,

    /// <summary>The alert is acknowledged by someone holding the role (<c>acknowledged</c>).</summary>
    Acknowledged,

    /// <summary>The incident is declared by someone holding the role (<c>declared</c>).</summary>
    Declared,

    /// <summary>A status update of either audience is posted by someone holding the role (<c>statusUpdatePosted</c>).</summary>
    StatusUpdatePosted,

    /// <summary>A status-page (external) update is posted by someone holding the role (<c>statusUpdatePosted:external</c>).</summary>
    ExternalStatusUpdatePosted,

    /// <summary>An internal status update is posted by someone holding the role (<c>statusUpdatePosted:internal</c>).</summary>
    InternalStatusUpdatePosted,

    /// <summary>A note is added by someone holding the role (<c>noteAdded</c>).</summary>
    NoteAdded,

    /// <summary>The impact is mitigated by someone holding the role (<c>mitigated</c>).</summary>
    Mitigated,

    /// <summary>The incident channel's creation is recorded by someone holding the role (<c>channelCreated</c>).</summary>
    ChannelCreated,
}
