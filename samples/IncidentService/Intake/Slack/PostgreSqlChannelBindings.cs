using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace IncidentService.Intake.Slack;

/// <summary>
/// Channel bindings in PostgreSQL, the durable-mode <see cref="IChannelBindings"/>: one row per channel in the table
/// <see cref="Table"/> of the event store's database, so every node sees the same bindings and they survive restarts.
/// </summary>
/// <remarks>
/// <para>The table is <c>incident_service_slack_channels(channel_id text primary key, incident_id text not null,
/// bound_at timestamptz not null)</c>, unqualified, so it lands in the first schema of the connection's search path
/// (normally <c>public</c>), beside — not inside — the event store's own schema. <see cref="EnsureTableAsync"/> creates
/// it when missing; the host runs it at start-up (several nodes at once take turns on an advisory lock).</para>
/// <para>"Bind if free" is one statement, <c>INSERT … ON CONFLICT DO NOTHING</c>, so two nodes racing for a free
/// channel bind it once; "bind" is an upsert. <c>bound_at</c> is the service clock's instant, for operators only.
/// Every value is a parameter. A database failure is thrown as it comes (an <see cref="NpgsqlException"/>);
/// <see cref="ChannelIncidents"/> turns it into a note to the sender.</para>
/// <para>Thread-safe: every call takes its own connection from the pool. Owns its data source (closed when
/// disposed).</para>
/// </remarks>
public sealed class PostgreSqlChannelBindings : IChannelBindings, IAsyncDisposable, IDisposable
{
    /// <summary>The table's name.</summary>
    public const string Table = "incident_service_slack_channels";

    private readonly NpgsqlDataSource _dataSource;
    private readonly IClock _clock;

    /// <summary>Creates the bindings over a connection string (the event store's).</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="clock">The service's clock, for <c>bound_at</c>.</param>
    /// <exception cref="ArgumentException">The connection string is blank or invalid.</exception>
    public PostgreSqlChannelBindings(string connectionString, IClock clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(clock);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _clock = clock;
    }

    /// <summary>Creates <see cref="Table"/> when it does not exist: idempotent, safe on every start and from several
    /// processes at once (they take turns on a transaction-scoped advisory lock, because concurrent
    /// <c>CREATE TABLE IF NOT EXISTS</c> can still collide in PostgreSQL's catalog).</summary>
    /// <param name="cancellationToken">Cancels the creation (its transaction rolls back).</param>
    /// <returns>A task that completes when the table exists.</returns>
    public async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
        {
            command.Parameters.Add(Text("IncidentService creation of " + Table));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        const string create = $"""
            CREATE TABLE IF NOT EXISTS {Table} (
                channel_id text COLLATE "C" PRIMARY KEY,
                incident_id text NOT NULL,
                bound_at timestamptz NOT NULL)
            """;
        await using (var command = new NpgsqlCommand(create, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<string?> FindAsync(string channelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        await using var command = _dataSource.CreateCommand($"SELECT incident_id FROM {Table} WHERE channel_id = $1");
        command.Parameters.Add(Text(channelId));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc />
    public async Task<bool> BindIfFreeAsync(string channelId, string incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(incidentId);
        await using var command = _dataSource.CreateCommand(
            $"INSERT INTO {Table} (channel_id, incident_id, bound_at) VALUES ($1, $2, $3) ON CONFLICT (channel_id) DO NOTHING");
        command.Parameters.Add(Text(channelId));
        command.Parameters.Add(Text(incidentId));
        command.Parameters.Add(Now());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task BindAsync(string channelId, string incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(incidentId);
        await using var command = _dataSource.CreateCommand(
            $"""
            INSERT INTO {Table} (channel_id, incident_id, bound_at) VALUES ($1, $2, $3)
            ON CONFLICT (channel_id) DO UPDATE SET incident_id = EXCLUDED.incident_id, bound_at = EXCLUDED.bound_at
            """);
        command.Parameters.Add(Text(channelId));
        command.Parameters.Add(Text(incidentId));
        command.Parameters.Add(Now());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the data source.</summary>
    /// <returns>A task that completes when it is closed.</returns>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Closes the data source.</summary>
    public void Dispose() => _dataSource.Dispose();

    private static NpgsqlParameter Text(string value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = value };

    private NpgsqlParameter Now() =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = _clock.GetCurrentInstant().ToDateTimeUtc() };
}
