using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The post-mortem was scheduled. Written <c>postMortemScheduled</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="For">When the post-mortem meeting takes place.</param>
public sealed record PostMortemScheduled(Instant At, string By, Instant For) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.SchedulePostMortem;

    /// <inheritdoc/>
    public override string Type => "postMortemScheduled";
}
