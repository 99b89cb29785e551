using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace IncidentService.Shared;

/// <summary>
/// Durable mode: shares the <see cref="ServiceJournal"/> between nodes through PostgreSQL (the event store's
/// database). Every <see cref="Interval"/> it writes what this node recorded since the last sync and reads back the
/// cluster's newest <see cref="ServiceJournal.Keep"/> intake outcomes and every failing delivery. Two tables of the
/// <see cref="ServiceDatabase"/>: <c>incident_service_intakes</c> (the newest 10,000 rows are kept) and
/// <c>incident_service_failing_deliveries</c> (one row per incident, obligation key and webhook while its last
/// attempt failed; a delivered attempt deletes it).
/// </summary>
/// <remarks>
/// <para>The journal is the dashboard's view, not the record of what was accepted (the event logs are, written before
/// any intake answers). A sync that fails is logged and its records are written on the next one; a node that dies
/// loses at most the last interval's outcomes from the shared view. On shutdown the node writes what it has.</para>
/// <para>Thread-safe: one sync runs at a time.</para>
/// </remarks>
public sealed partial class PostgreSqlJournalSync : BackgroundService
{
    /// <summary>How many intake outcomes the table keeps.</summary>
    public const int KeepRows = 10_000;

    private readonly ServiceDatabase _database;
    private readonly ServiceJournal _journal;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgreSqlJournalSync> _logger;
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>A sync of <paramref name="journal"/> through the service's database.</summary>
    /// <param name="database">The service's database (its tables created at start-up).</param>
    /// <param name="journal">This node's journal; from now on it keeps what it records for the sync.</param>
    /// <param name="time">Times the syncs.</param>
    /// <param name="logger">Where failed syncs are logged.</param>
    /// <param name="interval">How often it syncs; default two seconds.</param>
    public PostgreSqlJournalSync(ServiceDatabase database, ServiceJournal journal, TimeProvider time, ILogger<PostgreSqlJournalSync> logger, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _database = database;
        _journal = journal;
        _time = time;
        _logger = logger;
        Interval = interval ?? TimeSpan.FromSeconds(2);
        journal.ShareWithCluster();
    }

    /// <summary>How often it syncs.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Writes what this node recorded since the last sync, then reads the cluster's view into the journal.</summary>
    /// <param name="cancellationToken">Cancels the sync (what was taken is put back).</param>
    /// <returns>A task that completes when the journal shows the cluster's view.</returns>
    /// <exception cref="NpgsqlException">The database could not be reached; nothing is lost from the journal.</exception>
    public async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (intakes, deliveries) = _journal.TakePending();
            try
            {
                await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await WriteAsync(connection, intakes, deliveries, cancellationToken).ConfigureAwait(false);
                var shared = await ReadIntakesAsync(connection, cancellationToken).ConfigureAwait(false);
                var failing = await ReadFailingAsync(connection, cancellationToken).ConfigureAwait(false);
                _journal.ReplaceWithShared(shared, failing);
            }
            catch
            {
                _journal.RequeuePending(intakes, deliveries);
                throw;
            }
        }
        finally
        {
            _one.Release();
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        _one.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await SyncLoggingFailureAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Interval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // Shutting down: write what this node has, within a few seconds.
        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
        await SyncLoggingFailureAsync(last.Token).ConfigureAwait(false);
    }

    private async Task SyncLoggingFailureAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SyncOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failed sync is logged and tried again; the journal keeps what it took.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogSyncFailed(_logger, e);
        }
    }

    private static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<IntakeRecord> intakes, IReadOnlyList<DeliveryRecord> deliveries, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (intakes.Count > 0)
        {
            var insert = new NpgsqlBatchCommand(
                "INSERT INTO incident_service_intakes (at_ticks, source, dedup_key, incident_id, accepted, reason)"
                + " SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[])");
            insert.Parameters.Add(new NpgsqlParameter { Value = intakes.Select(r => r.At.ToUnixTimeTicks()).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = intakes.Select(r => r.Source).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = intakes.Select(r => r.DedupKey).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = intakes.Select(r => r.IncidentId).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = intakes.Select(r => r.Accepted).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = intakes.Select(r => r.Reason).ToArray() });
            batch.BatchCommands.Add(insert);
            var trim = new NpgsqlBatchCommand(
                "DELETE FROM incident_service_intakes WHERE id < (SELECT id FROM incident_service_intakes ORDER BY id DESC OFFSET $1 LIMIT 1)");
            trim.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = KeepRows - 1 });
            batch.BatchCommands.Add(trim);
        }

        foreach (var delivery in deliveries)
        {
            var command = delivery.Delivered
                ? new NpgsqlBatchCommand("DELETE FROM incident_service_failing_deliveries WHERE incident_id = $1 AND obligation_key = $2 AND webhook = $3")
                : new NpgsqlBatchCommand(
                    "INSERT INTO incident_service_failing_deliveries (incident_id, obligation_key, webhook, at_ticks, attempt, error)"
                    + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (incident_id, obligation_key, webhook)"
                    + " DO UPDATE SET at_ticks = EXCLUDED.at_ticks, attempt = EXCLUDED.attempt, error = EXCLUDED.error");
            command.Parameters.Add(ServiceDatabase.Text(delivery.IncidentId));
            command.Parameters.Add(ServiceDatabase.Text(delivery.ObligationKey));
            command.Parameters.Add(ServiceDatabase.Text(delivery.Webhook));
            if (!delivery.Delivered)
            {
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = delivery.At.ToUnixTimeTicks() });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = delivery.Attempt });
                command.Parameters.Add(ServiceDatabase.Text(delivery.Error));
            }

            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<IntakeRecord>> ReadIntakesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT at_ticks, source, dedup_key, incident_id, accepted, reason FROM incident_service_intakes ORDER BY id DESC LIMIT $1", connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = ServiceJournal.Keep });
        var records = new List<IntakeRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new IntakeRecord(
                Instant.FromUnixTimeTicks(reader.GetInt64(0)), reader.GetString(1), ServiceDatabase.NullableText(reader, 2), ServiceDatabase.NullableText(reader, 3),
                reader.GetBoolean(4), ServiceDatabase.NullableText(reader, 5)));
        }

        return records;
    }

    private static async Task<IReadOnlyList<DeliveryRecord>> ReadFailingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT incident_id, obligation_key, webhook, at_ticks, attempt, error FROM incident_service_failing_deliveries ORDER BY at_ticks DESC LIMIT 1000",
            connection);
        var records = new List<DeliveryRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new DeliveryRecord(
                Instant.FromUnixTimeTicks(reader.GetInt64(3)), reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.GetInt32(4), false, ServiceDatabase.NullableText(reader, 5)));
        }

        return records;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sharing the service journal through PostgreSQL failed; it is tried again at the next sync.")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);
}
