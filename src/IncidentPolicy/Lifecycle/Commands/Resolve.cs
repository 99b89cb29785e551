using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Resolve the incident.</summary>
/// <param name="Summary">A final summary, or null.</param>
public sealed record Resolve(string? Summary = null) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Resolve;

    internal override IncidentEvent ToEvent(Instant at, string by) => new Resolved(at, by, Summary);
}
