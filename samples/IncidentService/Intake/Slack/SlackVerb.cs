namespace IncidentService.Intake.Slack;

/// <summary>What a <c>/incident</c> command asks for.</summary>
public enum SlackVerb
{
    /// <summary><c>/incident help</c> (or nothing): the usage.</summary>
    Help,

    /// <summary><c>/incident ack</c>: acknowledge.</summary>
    Acknowledge,

    /// <summary><c>/incident declare SEV-1 "title"</c>: declare (opening an incident when the channel has none).</summary>
    Declare,

    /// <summary><c>/incident ic @sarah</c>: assign the Incident Commander.</summary>
    Commander,

    /// <summary><c>/incident update external "…"</c> or <c>internal</c>: post a status update.</summary>
    Update,

    /// <summary><c>/incident resolve ["summary"]</c>: resolve.</summary>
    Resolve,

    /// <summary><c>/incident status</c>: show the incident, to the sender only.</summary>
    Status,
}
