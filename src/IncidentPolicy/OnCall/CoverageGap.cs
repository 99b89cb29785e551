using NodaTime;

namespace IncidentPolicy.OnCall;

/// <summary>A stretch of time [<see cref="Start"/>, <see cref="End"/>) in which a schedule has nobody on call.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="ScheduleId">The schedule.</param>
/// <param name="Start">Start, inclusive.</param>
/// <param name="End">End, exclusive.</param>
/// <param name="UnavailablePersonId">The person whose turn it is but who is unavailable (from the highest layer that
/// had someone scheduled), when that is why; <see langword="null"/> when no rotation has anyone then.</param>
public sealed record CoverageGap(string ScheduleId, Instant Start, Instant End, string? UnavailablePersonId)
{
    /// <summary>How long the gap lasts.</summary>
    public Duration Length => End - Start;
}
