using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The alert source says the alert with the incident's dedup key has cleared: record it. It does not resolve
/// the incident. Allowed in every state but closed, declined and merged (a source may clear after the incident was
/// resolved), and only with the key the incident was opened with.</summary>
/// <param name="DedupKey">The alert's dedup key: the incident's own.</param>
public sealed record ClearAlert(string DedupKey) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.ClearAlert;

    internal override IncidentEvent ToEvent(Instant at, string by) => new AlertCleared(at, by, DedupKey);
}
