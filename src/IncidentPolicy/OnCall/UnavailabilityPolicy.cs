namespace IncidentPolicy.OnCall;

/// <summary>What a schedule does with a shift whose person is unavailable (on leave).</summary>
public enum UnavailabilityPolicy
{
    /// <summary>The shift passes to the next member of the same rotation, in rotation order, who is available;
    /// if nobody is, the layer has nobody then.</summary>
    NextAvailableMember,

    /// <summary>The layer has nobody while the person is unavailable: a lower layer covers if it has someone,
    /// otherwise <see cref="Schedule.Gaps"/> reports the time as a gap naming the unavailable person.</summary>
    Gap,
}
