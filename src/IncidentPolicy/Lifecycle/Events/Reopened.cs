using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The incident was reopened. Written <c>reopened</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Reason">Why, or null.</param>
public sealed record Reopened(Instant At, string By, string? Reason = null) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Reopen;

    /// <inheritdoc/>
    public override string Type => "reopened";
}
