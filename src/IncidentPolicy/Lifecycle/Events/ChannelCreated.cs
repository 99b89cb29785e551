using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The host created the incident's chat channel. Written <c>channelCreated</c> in the event log. A post-mortem's
/// timeline says "incident channel created" only when the log records this.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it (usually the bot that created the channel).</param>
/// <param name="Channel">The channel's name, such as <c>#inc-2026-05-29-checkout-errors</c> (<see cref="Incident.ChannelName"/>).</param>
public sealed record ChannelCreated(Instant At, string By, string Channel) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.RecordChannel;

    /// <inheritdoc/>
    public override string Type => "channelCreated";
}
