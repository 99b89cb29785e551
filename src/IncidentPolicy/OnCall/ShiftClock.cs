namespace IncidentPolicy.OnCall;

/// <summary>Which time a rotation's shift length is measured in.</summary>
public enum ShiftClock
{
    /// <summary>Wall-clock time (a NodaTime <see cref="NodaTime.Period"/>): handoffs stay at the same local time
    /// across daylight-saving changes, so the shift containing a change is an hour shorter or longer.</summary>
    WallClock,

    /// <summary>Elapsed time (a NodaTime <see cref="NodaTime.Duration"/>): every shift lasts exactly as long, so the
    /// local handoff time moves by an hour when daylight-saving time starts or ends.</summary>
    Elapsed,
}
