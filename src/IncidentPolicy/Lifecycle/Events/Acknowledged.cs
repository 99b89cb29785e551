using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The alert was acknowledged by the event's actor. Written <c>acknowledged</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
public sealed record Acknowledged(Instant At, string By) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Acknowledge;

    /// <inheritdoc/>
    public override string Type => "acknowledged";
}
