using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>One notification an <see cref="EscalationPolicy"/> plans: which level, which round, whom and when.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="LevelIndex">The level's index in <see cref="EscalationPolicy.Levels"/>, from 0.</param>
/// <param name="Round">0 for the first pass through the levels, 1 for the first repeat, and so on.</param>
/// <param name="Target">Whom to page.</param>
/// <param name="DueAt">When the page is due.</param>
public sealed record EscalationStep(int LevelIndex, int Round, EscalationTarget Target, Instant DueAt);
