using NodaTime;

namespace IncidentPolicy.OnCall;

/// <summary>A stretch of time [<see cref="Start"/>, <see cref="End"/>) in which one <see cref="OnCallAssignment"/>
/// holds: one entry of a schedule's final, merged timeline.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Start">Start, inclusive.</param>
/// <param name="End">End, exclusive.</param>
/// <param name="Assignment">Who is on call and why.</param>
public sealed record OnCallShift(Instant Start, Instant End, OnCallAssignment Assignment)
{
    /// <summary>The person on call: <see cref="OnCallAssignment.PersonId"/>.</summary>
    public string PersonId => Assignment.PersonId;

    /// <summary>How long the shift lasts.</summary>
    public Duration Length => End - Start;
}
