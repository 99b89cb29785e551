using NodaTime;

namespace IncidentPolicy.OnCall;

/// <summary>A notice due <see cref="Lead"/> before a <see cref="Handoff"/>, such as "you are on call in 1 hour":
/// what <see cref="Schedule.HandoffNotices"/> answers for a bot to sleep on.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="NotifyAt">When to send the notice: <c>Handoff.At - Lead</c>.</param>
/// <param name="Lead">How long before the handoff the notice is due.</param>
/// <param name="Handoff">The handoff: when, who goes off (<see cref="Handoff.From"/>) and who comes on (<see cref="Handoff.To"/>).</param>
public sealed record HandoffNotice(Instant NotifyAt, Duration Lead, Handoff Handoff)
{
    /// <summary>Describes the notice: <c>2026-06-08T06:00:00Z: blake is on call on on-call from 2026-06-08T07:00:00Z
    /// (in PT1H), taking over from alex</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var when = $"from {IsoText.FormatInstant(Handoff.At)} (in {IsoText.FormatDuration(Lead)})";
        var what = Handoff.To is { } to
            ? $"{to.PersonId} is on call on {Handoff.ScheduleId} {when}, taking over from {Handoff.From?.PersonId ?? "nobody"}"
            : $"nobody is on call on {Handoff.ScheduleId} {when}, after {Handoff.From?.PersonId ?? "nobody"}";
        return $"{IsoText.FormatInstant(NotifyAt)}: {what}";
    }
}
