namespace IncidentPolicy.Severities;

/// <summary>Who a severity's status updates go to. Written camelCase in JSON (<c>internalOnly</c>).</summary>
public enum UpdateAudience
{
    /// <summary>Status-page (external) updates are owed: a first one and, optionally, a cadence.</summary>
    External,

    /// <summary>Updates stay internal; nothing is owed to the status page ("Communication: Internal only").</summary>
    InternalOnly,

    /// <summary>No status updates are owed.</summary>
    None,
}
