using IncidentService.Shared;
using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace IncidentService.Intake.Changes;

/// <summary>
/// The <see cref="IChangeLog"/> of durable mode: change events in PostgreSQL, in the event store's database, so a
/// change answered 202 survives a restart and every node's dashboard and incidents see it. One table,
/// <c>incident_service_changes</c>, created (with its indexes) on first use if it does not exist; instants are kept as
/// Unix ticks (100 ns), which hold every NodaTime instant.
/// </summary>
/// <remarks>Thread-safe. Every statement is parameterised. A failure reaching the database is thrown to the caller:
/// the intake then answers 503 (send it again), never 202 for a change it did not keep.</remarks>
public sealed class PostgreSqlChangeLog : IChangeLog, IAsyncDisposable
{
    private const string Schema = """
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
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Lock _gate = new();
    private Task? _created;

    /// <summary>A change log on the database of <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    public PostgreSqlChangeLog(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <inheritdoc />
    public async Task RecordAsync(ChangeRecord change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(
            "INSERT INTO incident_service_changes (at_ticks, service, summary, source, flagged, flag_reason) VALUES ($1, $2, $3, $4, $5, $6)");
        command.Parameters.Add(Ticks(change.At));
        command.Parameters.Add(Text(change.Service));
        command.Parameters.Add(Text(change.Summary));
        command.Parameters.Add(Text(change.Source));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Boolean, Value = change.Flagged });
        command.Parameters.Add(Text(change.FlagReason));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChangeRecord>> ForServiceAsync(string service, Instant from, Instant to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(
            "SELECT at_ticks, service, summary, source, flagged, flag_reason FROM incident_service_changes"
            + " WHERE service = $1 AND at_ticks BETWEEN $2 AND $3 ORDER BY at_ticks, id");
        command.Parameters.Add(Text(service));
        command.Parameters.Add(Ticks(from));
        command.Parameters.Add(Ticks(to));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChangeRecord>> FlaggedAsync(Instant since, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(
            "SELECT at_ticks, service, summary, source, flagged, flag_reason FROM incident_service_changes"
            + " WHERE flagged AND at_ticks >= $1 ORDER BY at_ticks DESC, id DESC LIMIT 1000");
        command.Parameters.Add(Ticks(since));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task<IReadOnlyList<ChangeRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var changes = new List<ChangeRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changes.Add(new ChangeRecord(
                Instant.FromUnixTimeTicks(reader.GetInt64(0)),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetBoolean(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return changes;
    }

    /// <summary>Creates the table once per process; a failed attempt is tried again on the next call.</summary>
    private Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = CreateAsync(cancellationToken);
            }

            return _created;
        }
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(Schema);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Ticks(Instant value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = value.ToUnixTimeTicks() };
}
