using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Publish the post-mortem document.</summary>
public sealed record PublishPostMortem : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.PublishPostMortem;

    internal override IncidentEvent ToEvent(Instant at, string by) => new PostMortemPublished(at, by);
}
