using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Record that the impact is mitigated (Rule 1: mitigate first, root cause later).</summary>
/// <param name="Summary">What was done, or null.</param>
public sealed record Mitigate(string? Summary = null) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Mitigate;

    internal override IncidentEvent ToEvent(Instant at, string by) => new Mitigated(at, by, Summary);
}
