namespace IncidentService.Intake.Slack;

/// <summary>
/// Where the service keeps which incident each Slack channel is about (<see cref="ChannelIncidents"/> uses it): shared
/// by every node that reads the same store, and kept across restarts when the store is durable.
/// </summary>
/// <remarks>
/// <para>Two implementations: <see cref="InMemoryChannelBindings"/> (dev mode: one node, nothing durable) and
/// <see cref="PostgreSqlChannelBindings"/> (durable mode: a table beside the event store). A binding is a convenience —
/// the incident's log holds every accepted command whatever happens here — so an implementation may fail (throw) and
/// its callers carry on without it.</para>
/// <para>Implementations are thread-safe; "bind if free" is one atomic step even between nodes.</para>
/// </remarks>
public interface IChannelBindings
{
    /// <summary>The channel's incident.</summary>
    /// <param name="channelId">Slack's <c>channel_id</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The incident id, or <see langword="null"/> when the channel is bound to none.</returns>
    Task<string?> FindAsync(string channelId, CancellationToken cancellationToken);

    /// <summary>Binds the channel to the incident when the channel is bound to none yet; an existing binding is kept,
    /// whoever made it (another node included).</summary>
    /// <param name="channelId">Slack's <c>channel_id</c>.</param>
    /// <param name="incidentId">The incident.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Whether this call made the binding.</returns>
    Task<bool> BindIfFreeAsync(string channelId, string incidentId, CancellationToken cancellationToken);

    /// <summary>Binds the channel to the incident, replacing any earlier binding.</summary>
    /// <param name="channelId">Slack's <c>channel_id</c>.</param>
    /// <param name="incidentId">The incident.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the binding is stored.</returns>
    Task BindAsync(string channelId, string incidentId, CancellationToken cancellationToken);
}
