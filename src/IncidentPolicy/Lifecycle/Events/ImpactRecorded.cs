using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>An impact figure was recorded; a later figure for the same metric replaces it. Written <c>impactRecorded</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Metric">The metric name, such as revenueLoss.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">The unit, such as USD, or null.</param>
public sealed record ImpactRecorded(Instant At, string By, string Metric, decimal Value, string? Unit = null) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.RecordImpact;

    /// <inheritdoc/>
    public override string Type => "impactRecorded";
}
