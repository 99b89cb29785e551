using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Schedule the post-mortem meeting; the act of scheduling meets the post-mortem obligation.</summary>
/// <param name="For">When the post-mortem meeting takes place.</param>
public sealed record SchedulePostMortem(Instant For) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.SchedulePostMortem;

    internal override IncidentEvent ToEvent(Instant at, string by) => new PostMortemScheduled(at, by, For);
}
