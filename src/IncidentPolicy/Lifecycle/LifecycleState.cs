namespace IncidentPolicy.Lifecycle;

/// <summary>The state machine's states: <see cref="IncidentStatus"/> plus the start before any alert.</summary>
internal enum LifecycleState
{
    Start,
    Triggered,
    Acknowledged,
    Investigating,
    Mitigated,
    Resolved,
    PostMortem,
    Closed,
    Declined,
    Merged,
}
