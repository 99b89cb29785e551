using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The incident was declined as a false alarm. Written <c>declined</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Reason">Why, or null.</param>
public sealed record Declined(Instant At, string By, string? Reason = null) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Decline;

    /// <inheritdoc/>
    public override string Type => "declined";
}
