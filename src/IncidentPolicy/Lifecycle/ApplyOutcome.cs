namespace IncidentPolicy.Lifecycle;

/// <summary>What became of a command given to <see cref="Incident.Apply"/>.</summary>
public enum ApplyOutcome
{
    /// <summary>The command was accepted: there is a new incident and the event to append to the log.</summary>
    Accepted,

    /// <summary>The lifecycle or the policy forbids the command; see the <see cref="Rejection"/>.</summary>
    Rejected,

    /// <summary>The caller's expected version is stale: someone else changed the incident first. Re-read and retry.</summary>
    Conflict,
}
