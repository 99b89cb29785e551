using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Post a status update, internally or to the status page (Rule 3).</summary>
/// <param name="Audience">Internal or external (status page).</param>
/// <param name="Message">The text of the update.</param>
public sealed record PostStatusUpdate(StatusAudience Audience, string Message) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.PostStatusUpdate;

    internal override IncidentEvent ToEvent(Instant at, string by) => new StatusUpdatePosted(at, by, Audience, Message);
}
