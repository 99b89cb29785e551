using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The incident was closed. Written <c>closed</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
public sealed record Closed(Instant At, string By) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Close;

    /// <inheritdoc/>
    public override string Type => "closed";
}
