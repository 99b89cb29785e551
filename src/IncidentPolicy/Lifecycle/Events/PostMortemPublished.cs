using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The post-mortem was published. Written <c>postMortemPublished</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
public sealed record PostMortemPublished(Instant At, string By) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.PublishPostMortem;

    /// <inheritdoc/>
    public override string Type => "postMortemPublished";
}
