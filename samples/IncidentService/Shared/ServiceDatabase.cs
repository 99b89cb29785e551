using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace IncidentService.Shared;

/// <summary>
/// Durable mode's database for the service's own state, beside the event store (the same connection string): one
/// connection pool, and the service's tables, created together at start-up by <see cref="EnsureTablesAsync"/> —
/// <c>incident_service_changes</c> (change events), <c>incident_service_intakes</c> and
/// <c>incident_service_failing_deliveries</c> (the dashboard's journal), and <c>incident_service_slack_channels</c>
/// (Slack channel bindings). Instants are kept as Unix ticks (100 ns) where a NodaTime instant must round-trip whole.
/// </summary>
/// <remarks>The tables are unqualified, so they land in the first schema of the connection's search path (normally
/// <c>public</c>), beside — not inside — the event store's own schema. Thread-safe; owns its data source.</remarks>
public sealed class ServiceDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>The Slack channel bindings' table.</summary>
    public const string SlackChannelsTable = "incident_service_slack_channels";

    private const string Tables = $"""
        CREATE TABLE IF NOT EXISTS incident_service_changes (
            id bigserial PRIMARY KEY,
            at_ticks bigint NOT NULL,
            service text NOT NULL,
            summary text NOT NULL,
            source text NULL,
            flagged boolean NOT NULL,
            flag_reason text NULL);
        CREATE INDEX IF NOT EXISTS incident_service_changes_by_service ON incident_service_changes (service, at_ticks);
        CREATE INDEX IF NOT EXISTS incident_service_changes_flagged ON incident_service_changes (at_ticks) WHERE flagged;
        CREATE TABLE IF NOT EXISTS incident_service_intakes (
            id bigserial PRIMARY KEY,
            at_ticks bigint NOT NULL,
            source text NOT NULL,
            dedup_key text NULL,
            incident_id text NULL,
            accepted boolean NOT NULL,
            reason text NULL);
        CREATE TABLE IF NOT EXISTS incident_service_failing_deliveries (
            incident_id text NOT NULL,
            obligation_key text NOT NULL,
            webhook text NOT NULL,
            at_ticks bigint NOT NULL,
            attempt integer NOT NULL,
            error text NULL,
            PRIMARY KEY (incident_id, obligation_key, webhook));
        CREATE TABLE IF NOT EXISTS {SlackChannelsTable} (
            channel_id text COLLATE "C" PRIMARY KEY,
            incident_id text NOT NULL,
            bound_at timestamptz NOT NULL);
        """;

    /// <summary>A database over <paramref name="connectionString"/> (the event store's).</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <exception cref="ArgumentException">The connection string is blank or invalid.</exception>
    public ServiceDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>The pool every piece of the service's own state uses.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Creates the service's tables and indexes that do not exist: idempotent, safe on every start and from
    /// several nodes at once (they take turns on a transaction-scoped advisory lock, because concurrent
    /// <c>CREATE TABLE IF NOT EXISTS</c> can still collide in PostgreSQL's catalog).</summary>
    /// <param name="cancellationToken">Cancels the creation (its transaction rolls back).</param>
    /// <returns>A task that completes when the tables exist.</returns>
    /// <exception cref="NpgsqlException">The database could not be reached.</exception>
    public async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
        {
            command.Parameters.Add(Text("IncidentService creation of its tables"));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var command = new NpgsqlCommand(Tables, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the data source.</summary>
    /// <returns>A task that completes when it is closed.</returns>
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    /// <summary>Closes the data source.</summary>
    public void Dispose() => DataSource.Dispose();

    /// <summary>A text parameter; <see langword="null"/> is SQL <c>NULL</c>.</summary>
    internal static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    /// <summary>An instant as Unix ticks (<c>bigint</c>).</summary>
    internal static NpgsqlParameter Ticks(Instant value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = value.ToUnixTimeTicks() };

    /// <summary>A nullable text column.</summary>
    internal static string? NullableText(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

/// <summary>Creates the service's tables (<see cref="ServiceDatabase.EnsureTablesAsync"/>) while the host starts,
/// before it serves requests. A database that cannot be reached fails the start, as the event store's own schema check
/// does.</summary>
internal sealed class ServiceTables(ServiceDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.EnsureTablesAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
