using NodaTime;

namespace IncidentPolicy.OnCall;

/// <summary>The instant the person on call on a schedule changes, from whom to whom. A start or end of a gap
/// is a handoff from or to nobody.</summary>
/// <remarks>Immutable and thread-safe. A change of reason alone (the same person, now by override) is not a handoff.</remarks>
/// <param name="ScheduleId">The schedule.</param>
/// <param name="At">When the pager passes.</param>
/// <param name="From">Who was on call until then, and why; <see langword="null"/> after a gap.</param>
/// <param name="To">Who is on call from then on, and why; <see langword="null"/> when a gap begins.</param>
public sealed record Handoff(string ScheduleId, Instant At, OnCallAssignment? From, OnCallAssignment? To);
