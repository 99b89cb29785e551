using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Testing;

/// <summary>One step of a random command sequence (<see cref="IncidentGen.CommandSequences"/>): a command, who issues
/// it, how many minutes after the previous step (sometimes negative, which the lifecycle must reject), and whether the
/// caller's expected version is stale (which must be a conflict).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Command">What to do.</param>
/// <param name="Actor">Who does it.</param>
/// <param name="Minutes">Minutes after the previous step; negative to go back in time.</param>
/// <param name="Stale">Whether to pass a stale expected version.</param>
public sealed record CommandStep(IncidentCommand Command, Actor Actor, int Minutes, bool Stale);
