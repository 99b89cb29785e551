using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The latest recorded figure of an impact metric: <c>failedCheckouts 2340</c>, <c>revenueLoss 47000 USD</c>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Metric">The metric name.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">The unit, or null.</param>
/// <param name="RecordedAt">When this figure was recorded.</param>
public sealed record ImpactFigure(string Metric, decimal Value, string? Unit, Instant RecordedAt);
