namespace IncidentPolicy.OnCall;

/// <summary>Why someone is on call at an instant.</summary>
public enum OnCallReason
{
    /// <summary>It is their turn in a layer's rotation.</summary>
    Rotation,

    /// <summary>An override puts them on call in place of whoever the rotation has (on one layer or the whole schedule).</summary>
    Override,

    /// <summary>The person whose turn it is, is unavailable, and the schedule passes the shift to the next available member.</summary>
    Substitution,
}
