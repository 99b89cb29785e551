using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The incident was resolved. Written <c>resolved</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Summary">A final summary, or null.</param>
public sealed record Resolved(Instant At, string By, string? Summary = null) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Resolve;

    /// <inheritdoc/>
    public override string Type => "resolved";
}
