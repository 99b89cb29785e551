using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Record an impact figure, such as failedCheckouts 2340 or revenueLoss 47000 USD.</summary>
/// <param name="Metric">The metric name, such as revenueLoss.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">The unit, such as USD, or null.</param>
public sealed record RecordImpact(string Metric, decimal Value, string? Unit = null) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.RecordImpact;

    internal override IncidentEvent ToEvent(Instant at, string by) => new ImpactRecorded(at, by, Metric, Value, Unit);
}
