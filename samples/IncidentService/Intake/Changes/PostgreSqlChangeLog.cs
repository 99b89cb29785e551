using IncidentService.Shared;
using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace IncidentService.Intake.Changes;

/// <summary>
/// The <see cref="IChangeLog"/> of durable mode: change events in PostgreSQL, in the event store's database, so a
/// change answered 202 survives a restart and every node's dashboard and incidents see it. One table,
/// <c>incident_service_changes</c> of the <see cref="ServiceDatabase"/> (created at start-up); instants are kept as
/// Unix ticks (100 ns), which hold every NodaTime instant.
/// </summary>
/// <remarks>Thread-safe. Every statement is parameterised. A failure reaching the database is thrown to the caller:
/// the intake then answers 503 (send it again), never 202 for a change it did not keep.</remarks>
public sealed class PostgreSqlChangeLog(ServiceDatabase database) : IChangeLog
{
    /// <inheritdoc />
    public async Task RecordAsync(ChangeRecord change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var command = database.DataSource.CreateCommand(
            "INSERT INTO incident_service_changes (at_ticks, service, summary, source, flagged, flag_reason) VALUES ($1, $2, $3, $4, $5, $6)");
        command.Parameters.Add(ServiceDatabase.Ticks(change.At));
        command.Parameters.Add(ServiceDatabase.Text(change.Service));
        command.Parameters.Add(ServiceDatabase.Text(change.Summary));
        command.Parameters.Add(ServiceDatabase.Text(change.Source));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Boolean, Value = change.Flagged });
        command.Parameters.Add(ServiceDatabase.Text(change.FlagReason));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChangeRecord>> ForServiceAsync(string service, Instant from, Instant to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        await using var command = database.DataSource.CreateCommand(
            "SELECT at_ticks, service, summary, source, flagged, flag_reason FROM incident_service_changes"
            + " WHERE service = $1 AND at_ticks BETWEEN $2 AND $3 ORDER BY at_ticks, id");
        command.Parameters.Add(ServiceDatabase.Text(service));
        command.Parameters.Add(ServiceDatabase.Ticks(from));
        command.Parameters.Add(ServiceDatabase.Ticks(to));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChangeRecord>> FlaggedAsync(Instant since, CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT at_ticks, service, summary, source, flagged, flag_reason FROM incident_service_changes"
            + " WHERE flagged AND at_ticks >= $1 ORDER BY at_ticks DESC, id DESC LIMIT 1000");
        command.Parameters.Add(ServiceDatabase.Ticks(since));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

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
                ServiceDatabase.NullableText(reader, 3),
                reader.GetBoolean(4),
                ServiceDatabase.NullableText(reader, 5)));
        }

        return changes;
    }
}
