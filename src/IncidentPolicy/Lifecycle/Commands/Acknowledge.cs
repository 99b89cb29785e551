using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Acknowledge the alert; the acting person becomes the incident's on-call responder.</summary>
public sealed record Acknowledge : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Acknowledge;

    internal override IncidentEvent ToEvent(Instant at, string by) => new Acknowledged(at, by);
}
