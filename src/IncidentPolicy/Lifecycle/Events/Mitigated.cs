using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The impact was mitigated. Written <c>mitigated</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Summary">What was done, or null.</param>
public sealed record Mitigated(Instant At, string By, string? Summary = null) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Mitigate;

    /// <inheritdoc/>
    public override string Type => "mitigated";
}
