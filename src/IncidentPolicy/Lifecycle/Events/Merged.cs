using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The incident was merged into another. Written <c>merged</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Into">The id of the incident it was merged into.</param>
public sealed record Merged(Instant At, string By, string Into) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.MergeInto;

    /// <inheritdoc/>
    public override string Type => "merged";
}
