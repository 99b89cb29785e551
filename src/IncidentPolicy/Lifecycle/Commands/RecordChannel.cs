using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Record that the host created the incident's chat channel, such as <c>#inc-2026-05-29-checkout-errors</c>
/// (the name <see cref="Incident.ChannelName"/> suggests). The library names the channel; creating it is the host's,
/// and this records that it did, so that the post-mortem's timeline can say so.</summary>
/// <param name="Channel">The channel's name; one line, not blank.</param>
public sealed record RecordChannel(string Channel) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.RecordChannel;

    internal override IncidentEvent ToEvent(Instant at, string by) => new ChannelCreated(at, by, Channel);
}
