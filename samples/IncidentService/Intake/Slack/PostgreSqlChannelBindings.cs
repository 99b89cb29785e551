using IncidentService.Shared;
using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace IncidentService.Intake.Slack;

/// <summary>
/// Channel bindings in PostgreSQL, the durable-mode <see cref="IChannelBindings"/>: one row per channel in the table
/// <see cref="Table"/> of the <see cref="ServiceDatabase"/> (created at start-up), so every node sees the same bindings
/// and they survive restarts.
/// </summary>
/// <remarks>
/// <para>The table is <c>incident_service_slack_channels(channel_id text primary key, incident_id text not null,
/// bound_at timestamptz not null)</c>.</para>
/// <para>"Bind if free" is one statement, <c>INSERT … ON CONFLICT DO NOTHING</c>, so two nodes racing for a free
/// channel bind it once; "bind" is an upsert. <c>bound_at</c> is the service clock's instant, for operators only.
/// Every value is a parameter. A database failure is thrown as it comes (an <see cref="NpgsqlException"/>);
/// <see cref="ChannelIncidents"/> turns it into a note to the sender.</para>
/// <para>Thread-safe: every call takes its own connection from the pool.</para>
/// </remarks>
/// <param name="database">The service's database.</param>
/// <param name="clock">The service's clock, for <c>bound_at</c>.</param>
public sealed class PostgreSqlChannelBindings(ServiceDatabase database, IClock clock) : IChannelBindings
{
    /// <summary>The table's name.</summary>
    public const string Table = ServiceDatabase.SlackChannelsTable;

    /// <inheritdoc />
    public async Task<string?> FindAsync(string channelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        await using var command = database.DataSource.CreateCommand($"SELECT incident_id FROM {Table} WHERE channel_id = $1");
        command.Parameters.Add(ServiceDatabase.Text(channelId));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc />
    public async Task<bool> BindIfFreeAsync(string channelId, string incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(incidentId);
        await using var command = database.DataSource.CreateCommand(
            $"INSERT INTO {Table} (channel_id, incident_id, bound_at) VALUES ($1, $2, $3) ON CONFLICT (channel_id) DO NOTHING");
        command.Parameters.Add(ServiceDatabase.Text(channelId));
        command.Parameters.Add(ServiceDatabase.Text(incidentId));
        command.Parameters.Add(Now());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task BindAsync(string channelId, string incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(incidentId);
        await using var command = database.DataSource.CreateCommand(
            $"""
            INSERT INTO {Table} (channel_id, incident_id, bound_at) VALUES ($1, $2, $3)
            ON CONFLICT (channel_id) DO UPDATE SET incident_id = EXCLUDED.incident_id, bound_at = EXCLUDED.bound_at
            """);
        command.Parameters.Add(ServiceDatabase.Text(channelId));
        command.Parameters.Add(ServiceDatabase.Text(incidentId));
        command.Parameters.Add(Now());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private NpgsqlParameter Now() =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = clock.GetCurrentInstant().ToDateTimeUtc() };
}
