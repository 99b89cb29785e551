using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Close the incident.</summary>
public sealed record Close : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Close;

    internal override IncidentEvent ToEvent(Instant at, string by) => new Closed(at, by);
}
