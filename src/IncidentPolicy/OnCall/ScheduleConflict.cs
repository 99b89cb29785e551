using NodaTime;

namespace IncidentPolicy.OnCall;

/// <summary>
/// A stretch of time [<see cref="Start"/>, <see cref="End"/>) in which one person is both Incident Commander (on
/// the commander schedule) and on call (on the on-call schedule) — what the seed's "IC rotation: separate from
/// on-call" forbids. <see cref="Schedule.Conflicts"/> lists them.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="PersonId">Who holds both.</param>
/// <param name="Start">Start, inclusive.</param>
/// <param name="End">End, exclusive.</param>
/// <param name="Commander">Why they are Incident Commander then.</param>
/// <param name="OnCall">Why they are on call then.</param>
public sealed record ScheduleConflict(string PersonId, Instant Start, Instant End, OnCallAssignment Commander, OnCallAssignment OnCall);
