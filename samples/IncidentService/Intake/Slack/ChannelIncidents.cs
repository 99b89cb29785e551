namespace IncidentService.Intake.Slack;

/// <summary>
/// Which incident a Slack channel is about, so <c>/incident ack</c> in an incident's channel needs no id. A channel is
/// bound to an incident when <c>/incident declare</c> opens one there, or when a command there first names an incident
/// explicitly (<c>/incident ack INC-…</c>) and the channel has none yet; a later <c>declare</c> in a channel whose
/// incident has ended binds the new one. The bindings live in an <see cref="IChannelBindings"/>: in durable mode a
/// PostgreSQL table every node shares, kept across restarts (<see cref="PostgreSqlChannelBindings"/>); in dev mode this
/// process's memory (<see cref="InMemoryChannelBindings"/>, also the fallback when the host registers none).
/// </summary>
/// <remarks>
/// <para>A binding is a convenience, never the record: every accepted command is in the incident's own log. So a
/// failing store never fails a command. A failed lookup answers <see cref="ChannelLookup.Unavailable"/> (the sender is
/// asked to name the incident; nothing was done); a failed bind is logged at warning level and answered
/// <see langword="false"/>, and the command goes on — the sender is told the channel is not bound.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed partial class ChannelIncidents
{
    private readonly IChannelBindings _bindings;
    private readonly ILogger<ChannelIncidents> _logger;

    /// <summary>Creates the bindings' front.</summary>
    /// <param name="logger">Where store failures are logged.</param>
    /// <param name="bindings">The store; <see langword="null"/> (none registered) keeps them in memory.</param>
    public ChannelIncidents(ILogger<ChannelIncidents> logger, IChannelBindings? bindings = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _bindings = bindings ?? new InMemoryChannelBindings();
    }

    /// <summary>The channel's incident.</summary>
    /// <param name="channelId">Slack's <c>channel_id</c>, or <see langword="null"/> when the request named none.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The incident id (null when none), or <see cref="ChannelLookup.Unavailable"/> when the store failed.</returns>
    public async Task<ChannelLookup> FindAsync(string? channelId, CancellationToken cancellationToken)
    {
        if (channelId is null)
        {
            return new ChannelLookup(null, false);
        }

        try
        {
            return new ChannelLookup(await _bindings.FindAsync(channelId, cancellationToken).ConfigureAwait(false), false);
        }
#pragma warning disable CA1031 // A store failure must not fail the command; it is logged and answered as a value.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFindFailed(_logger, channelId, e);
            return ChannelLookup.Unavailable;
        }
    }

    /// <summary>Binds the channel to the incident when it has none yet.</summary>
    /// <param name="channelId">Slack's <c>channel_id</c>; nothing is done without one.</param>
    /// <param name="incidentId">The incident.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/> when the store failed (logged), else <see langword="true"/> — whether or not
    /// the channel was free.</returns>
    public Task<bool> TryBindIfFreeAsync(string? channelId, string incidentId, CancellationToken cancellationToken) =>
        StoreAsync(channelId, incidentId, replace: false, cancellationToken);

    /// <summary>Binds the channel to the incident, replacing any earlier one.</summary>
    /// <param name="channelId">Slack's <c>channel_id</c>; nothing is done without one.</param>
    /// <param name="incidentId">The incident.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/> when the store failed (logged), else <see langword="true"/>.</returns>
    public Task<bool> TryBindAsync(string? channelId, string incidentId, CancellationToken cancellationToken) =>
        StoreAsync(channelId, incidentId, replace: true, cancellationToken);

    private async Task<bool> StoreAsync(string? channelId, string incidentId, bool replace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        if (channelId is null)
        {
            return true;
        }

        try
        {
            if (replace)
            {
                await _bindings.BindAsync(channelId, incidentId, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _bindings.BindIfFreeAsync(channelId, incidentId, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
#pragma warning disable CA1031 // A store failure must not fail the command; it is logged and answered as a value.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            using (_logger.BeginScope(new Dictionary<string, object> { ["IncidentId"] = incidentId }))
            {
                LogBindFailed(_logger, channelId, incidentId, e);
            }

            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack channel {ChannelId}: its incident could not be looked up; the sender was asked to name it.")]
    private static partial void LogFindFailed(ILogger logger, string channelId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack channel {ChannelId} could not be bound to {IncidentId}; the command was applied, the channel stays as it was.")]
    private static partial void LogBindFailed(ILogger logger, string channelId, string incidentId, Exception exception);
}
