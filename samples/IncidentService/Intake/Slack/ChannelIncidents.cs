using System.Collections.Concurrent;

namespace IncidentService.Intake.Slack;

/// <summary>
/// Which incident a Slack channel is about, so <c>/incident ack</c> in an incident's channel needs no id. A channel is
/// bound to an incident when <c>/incident declare</c> opens one there, or when a command there first names an incident
/// explicitly (<c>/incident ack INC-…</c>); a later <c>declare</c> in a channel whose incident has ended binds the new
/// one. Kept in memory on the node that received the command: after a restart, or on another node, name the incident
/// once and the channel is bound again.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class ChannelIncidents
{
    private readonly ConcurrentDictionary<string, string> _byChannel = new(StringComparer.Ordinal);

    /// <summary>The channel's incident.</summary>
    /// <param name="channelId">Slack's <c>channel_id</c>.</param>
    /// <returns>The incident id, or <see langword="null"/> when the channel has none.</returns>
    public string? Find(string? channelId) => channelId is not null && _byChannel.TryGetValue(channelId, out var id) ? id : null;

    /// <summary>Binds the channel to the incident when it has none yet.</summary>
    /// <param name="channelId">Slack's <c>channel_id</c>.</param>
    /// <param name="incidentId">The incident.</param>
    public void BindIfFree(string? channelId, string incidentId)
    {
        if (channelId is not null)
        {
            _byChannel.TryAdd(channelId, incidentId);
        }
    }

    /// <summary>Binds the channel to the incident, replacing any earlier one.</summary>
    /// <param name="channelId">Slack's <c>channel_id</c>.</param>
    /// <param name="incidentId">The incident.</param>
    public void Bind(string? channelId, string incidentId)
    {
        if (channelId is not null)
        {
            _byChannel[channelId] = incidentId;
        }
    }
}
