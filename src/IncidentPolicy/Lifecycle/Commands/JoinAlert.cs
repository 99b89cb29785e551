using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>An alert fired again with the open incident's dedup key: record it on the incident instead of opening a
/// new one. Allowed while the incident is open (triggered, acknowledged, investigating or mitigated), and only with the
/// key the incident was opened with; it changes neither the status nor any deadline, and a cleared alert source counts
/// as firing again.</summary>
/// <param name="Summary">What the joining alert says.</param>
/// <param name="DedupKey">The alert's dedup key: the incident's own.</param>
/// <param name="Severity">The severity as the alert source gave it, or null; recorded, not applied.</param>
public sealed record JoinAlert(string Summary, string DedupKey, string? Severity = null) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.JoinAlert;

    internal override IncidentEvent ToEvent(Instant at, string by) => new AlertJoined(at, by, Summary, DedupKey, Severity);
}
