using System.Collections.Concurrent;

namespace IncidentService.Intake.Slack;

/// <summary>
/// Channel bindings in this process's memory: the dev-mode <see cref="IChannelBindings"/>. Lost when the process stops
/// and not seen by other nodes — as dev mode's event logs are.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemoryChannelBindings : IChannelBindings
{
    private readonly ConcurrentDictionary<string, string> _byChannel = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<string?> FindAsync(string channelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        return Task.FromResult(_byChannel.TryGetValue(channelId, out var id) ? id : null);
    }

    /// <inheritdoc />
    public Task<bool> BindIfFreeAsync(string channelId, string incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(incidentId);
        return Task.FromResult(_byChannel.TryAdd(channelId, incidentId));
    }

    /// <inheritdoc />
    public Task BindAsync(string channelId, string incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(incidentId);
        _byChannel[channelId] = incidentId;
        return Task.CompletedTask;
    }
}
