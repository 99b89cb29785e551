using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>A status update was posted. Written <c>statusUpdatePosted</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Audience">Internal or external (status page).</param>
/// <param name="Message">The text of the update.</param>
public sealed record StatusUpdatePosted(Instant At, string By, StatusAudience Audience, string Message) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.PostStatusUpdate;

    /// <inheritdoc/>
    public override string Type => "statusUpdatePosted";
}
