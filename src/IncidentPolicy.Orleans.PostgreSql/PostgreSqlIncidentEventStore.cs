using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace IncidentPolicy.Orleans.PostgreSql;

/// <summary>
/// An <see cref="IIncidentEventStore"/> in PostgreSQL: every incident's event log, one append-only row per event, in
/// a schema of its own (default <c>incident_policy</c>) that <see cref="EnsureSchemaAsync"/> creates.
/// </summary>
/// <remarks>
/// <para><b>Tables.</b> <c>events</c> holds one row per event, keyed by (incident id, version), each the event's
/// event-log JSON line (<see cref="EventLogJson.SerializeLine"/>), so an incident's rows in version order are exactly a
/// format-version-1 JSON Lines log (<see cref="ReadLogTextAsync"/>). <c>heads</c> holds one <see cref="IncidentHead"/>
/// per incident, written in the same statement as the event and only ever moved forward in version. <c>policies</c>
/// holds policy texts by content hash, insert-if-absent. <c>schema_version</c> records the migrations applied. The store
/// never updates or deletes an event; how long closed incidents' rows are kept is the host's choice (delete an
/// incident's <c>events</c> and <c>heads</c> rows together).</para>
/// <para><b>Racing writers.</b> An append inserts version <c>expectedVersion + 1</c> only when the incident's highest
/// stored version is <c>expectedVersion</c>, and the primary key decides between writers that race for the same
/// version — other connections, other processes, two activations of one grain after a split brain: exactly one row is
/// inserted, the others answer <see langword="false"/> and write nothing. A refused append is never an exception; any
/// other database failure is.</para>
/// <para><b>De-duplication.</b> The database does not make a dedup key unique among open incidents:
/// <see cref="FindOpenByDedupKeyAsync"/> answers the earliest-raised open incident with the key (then the smallest id),
/// as <see cref="InMemoryIncidentEventStore"/> does, and the alert intake serializes alerts of one key. A unique
/// index would refuse appends for a reason other than the version — for example reopening a resolved incident while a
/// newer one with the same key is open — and a refused event would look like a lost race to its grain.</para>
/// <para><b>Instants</b> are kept exactly: a <c>timestamptz</c> column (microseconds) beside the nanoseconds within
/// that microsecond.</para>
/// <para>Thread-safe: every call takes its own connection from the data source's pool.</para>
/// </remarks>
public sealed partial class PostgreSqlIncidentEventStore : IIncidentEventStore, IAsyncDisposable, IDisposable
{
    /// <summary>The schema the store uses unless told otherwise.</summary>
    public const string DefaultSchema = "incident_policy";

    /// <summary>The version of the store's tables that this package writes and reads; <see cref="EnsureSchemaAsync"/>
    /// records it in <c>schema_version</c>.</summary>
    public const int SchemaVersion = 1;

    private const string OpenStatuses = "('triggered', 'acknowledged', 'investigating', 'mitigated')";
    private const string HeadColumns =
        "incident_id, version, status, severity, service, summary, title, alert_at, alert_at_ns, last_event_at, last_event_at_ns, policy_hash, dedup_key";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly string _s;

    /// <summary>Creates a store over a data source the caller owns (and disposes), in schema
    /// <see cref="DefaultSchema"/>.</summary>
    /// <param name="dataSource">Where to connect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is null.</exception>
    public PostgreSqlIncidentEventStore(NpgsqlDataSource dataSource)
        : this(dataSource, DefaultSchema, ownsDataSource: false)
    {
    }

    /// <summary>Creates a store over a data source the caller owns (and disposes).</summary>
    /// <param name="dataSource">Where to connect.</param>
    /// <param name="schema">The schema of the store's tables: a lower-case PostgreSQL identifier (letters, digits and
    /// underscores, starting with a letter or underscore, at most 63 characters).</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> or <paramref name="schema"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is not such an identifier.</exception>
    public PostgreSqlIncidentEventStore(NpgsqlDataSource dataSource, string schema)
        : this(dataSource, schema, ownsDataSource: false)
    {
    }

    /// <summary>Creates a store in schema <see cref="DefaultSchema"/> that connects with a connection string; the store
    /// owns its data source and closes it when disposed.</summary>
    /// <param name="connectionString">An Npgsql connection string (<c>Host=…;Port=…;Database=…;Username=…;Password=…</c>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is blank or not a valid connection string.</exception>
    public PostgreSqlIncidentEventStore(string connectionString)
        : this(CreateDataSource(connectionString), DefaultSchema, ownsDataSource: true)
    {
    }

    /// <summary>Creates a store that connects with a connection string; the store owns its data source and closes it
    /// when disposed.</summary>
    /// <param name="connectionString">An Npgsql connection string (<c>Host=…;Port=…;Database=…;Username=…;Password=…</c>).</param>
    /// <param name="schema">As in the other constructor.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is blank or not a valid connection string,
    /// or <paramref name="schema"/> is not a valid identifier.</exception>
    public PostgreSqlIncidentEventStore(string connectionString, string schema)
        : this(CreateDataSource(connectionString), schema, ownsDataSource: true)
    {
    }

    private PostgreSqlIncidentEventStore(NpgsqlDataSource dataSource, string schema, bool ownsDataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(schema);
        if (!SchemaName().IsMatch(schema))
        {
            throw new ArgumentException(
                $"schema '{schema}' is not a lower-case PostgreSQL identifier (a letter or '_', then letters, digits or '_', at most 63 characters)",
                nameof(schema));
        }

        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        Schema = schema;
        _s = "\"" + schema + "\"";
    }

    /// <summary>The schema the store's tables live in.</summary>
    public string Schema { get; }

    /// <summary>
    /// Creates the store's schema and tables when they do not exist and records <see cref="SchemaVersion"/>: an
    /// idempotent migration, safe to run on every start and from several processes at once (they take turns on an
    /// advisory lock named after the schema).
    /// </summary>
    /// <param name="cancellationToken">Cancels the migration (its transaction rolls back).</param>
    /// <returns>A task that completes when the schema is ready.</returns>
    /// <exception cref="PostgreSqlEventStoreException">The server cannot be reached, or the schema was migrated by a newer
    /// version of this package.</exception>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
        {
            command.Parameters.Add(Text("IncidentPolicy.Orleans.PostgreSql migration of " + Schema));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var migration = $"""
            CREATE SCHEMA IF NOT EXISTS {_s};
            CREATE TABLE IF NOT EXISTS {_s}.schema_version (
                version integer PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE IF NOT EXISTS {_s}.events (
                incident_id text COLLATE "C" NOT NULL,
                version integer NOT NULL CHECK (version >= 1),
                type text NOT NULL,
                line text NOT NULL,
                PRIMARY KEY (incident_id, version));
            CREATE TABLE IF NOT EXISTS {_s}.heads (
                incident_id text COLLATE "C" PRIMARY KEY,
                version integer NOT NULL CHECK (version >= 1),
                status text NOT NULL,
                severity text,
                service text,
                summary text NOT NULL,
                title text,
                alert_at timestamptz NOT NULL,
                alert_at_ns integer NOT NULL CHECK (alert_at_ns BETWEEN 0 AND 999),
                last_event_at timestamptz NOT NULL,
                last_event_at_ns integer NOT NULL CHECK (last_event_at_ns BETWEEN 0 AND 999),
                policy_hash text,
                dedup_key text COLLATE "C");
            CREATE INDEX IF NOT EXISTS heads_open ON {_s}.heads (alert_at, alert_at_ns, incident_id)
                WHERE status IN {OpenStatuses};
            CREATE INDEX IF NOT EXISTS heads_open_dedup_key ON {_s}.heads (dedup_key)
                WHERE dedup_key IS NOT NULL AND status IN {OpenStatuses};
            CREATE TABLE IF NOT EXISTS {_s}.policies (
                hash text COLLATE "C" PRIMARY KEY,
                policy text NOT NULL);
            INSERT INTO {_s}.schema_version (version) VALUES ({SchemaVersion}) ON CONFLICT (version) DO NOTHING;
            SELECT max(version) FROM {_s}.schema_version;
            """;
        await using (var command = new NpgsqlCommand(migration, connection, transaction))
        {
            var newest = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (newest is int version && version > SchemaVersion)
            {
                throw new PostgreSqlEventStoreException(
                    $"schema '{Schema}' of {Describe()} is at version {version}, newer than version {SchemaVersion} that this package knows; upgrade IncidentPolicy.Orleans.PostgreSql");
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an incident's log exactly as stored: its events' JSON lines in version order, each ending in
    /// <c>\n</c> — a format-version-1 JSON Lines event log that <see cref="EventLogJson.Parse"/> reads.</summary>
    /// <param name="incidentId">The incident's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The log text; empty when the incident has no events.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="incidentId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="incidentId"/> is blank or holds text PostgreSQL cannot keep.</exception>
    /// <exception cref="PostgreSqlEventStoreException">The server cannot be reached or the schema does not exist.</exception>
    public async Task<string> ReadLogTextAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        CheckId(incidentId, nameof(incidentId));
        var text = new StringBuilder();
        var expected = 1;
        await RunAsync(
            $"SELECT version, line FROM {_s}.events WHERE incident_id = $1 ORDER BY version",
            [Text(incidentId)],
            async reader =>
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var version = reader.GetInt32(0);
                    if (version != expected)
                    {
                        throw new InvalidDataException(
                            $"the event log of incident '{incidentId}' in schema '{Schema}' has version {version} where version {expected} belongs; rows were removed by hand");
                    }

                    text.Append(reader.GetString(1)).Append('\n');
                    expected++;
                }
            },
            cancellationToken).ConfigureAwait(false);
        return text.ToString();
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="incidentId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="incidentId"/> is blank or holds text PostgreSQL cannot keep.</exception>
    /// <exception cref="EventLogException">A stored row is not a valid event line (edited by hand).</exception>
    /// <exception cref="PostgreSqlEventStoreException">The server cannot be reached or the schema does not exist.</exception>
    public async Task<IReadOnlyList<IncidentEvent>> ReadAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var text = await ReadLogTextAsync(incidentId, cancellationToken).ConfigureAwait(false);
        return text.Length == 0 ? [] : EventLogJson.Parse(text).Events;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative or
    /// <see cref="int.MaxValue"/>, or an instant of the head is before the year 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="incidentId"/> is blank or holds text PostgreSQL cannot keep;
    /// the head is for another incident or another version than <paramref name="expectedVersion"/> + 1, or one of
    /// its texts cannot be kept; the event cannot be written as an event-log line.</exception>
    /// <exception cref="PostgreSqlEventStoreException">The server cannot be reached or the schema does not exist.</exception>
    public async Task<bool> AppendAsync(string incidentId, int expectedVersion, IncidentEvent incidentEvent, IncidentHead head, CancellationToken cancellationToken = default)
    {
        CheckId(incidentId, nameof(incidentId));
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ArgumentOutOfRangeException.ThrowIfEqual(expectedVersion, int.MaxValue);
        ArgumentNullException.ThrowIfNull(incidentEvent);
        ArgumentNullException.ThrowIfNull(head);
        if (!string.Equals(head.IncidentId, incidentId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the head is for incident '{head.IncidentId}', not '{incidentId}'", nameof(head));
        }

        if (head.Version != expectedVersion + 1)
        {
            throw new ArgumentException($"the head has version {head.Version}, but the appended event is version {expectedVersion + 1}", nameof(head));
        }

        CheckText(head.Severity, "head.Severity");
        CheckText(head.Service, "head.Service");
        CheckText(head.Summary ?? throw new ArgumentException("the head has no summary", nameof(head)), "head.Summary");
        CheckText(head.Title, "head.Title");
        CheckText(head.PolicyHash, "head.PolicyHash");
        CheckText(head.DedupKey, "head.DedupKey");
        var line = EventLogJson.SerializeLine(incidentEvent);
        var (alertAt, alertAtNs) = InstantColumns.Split(head.AlertAt, "head.AlertAt");
        var (lastAt, lastAtNs) = InstantColumns.Split(head.LastEventAt, "head.LastEventAt");

        // One statement, so one transaction: the event row, then the head only when the row went in. The version
        // check reads committed rows; the primary key settles writers that pass it at the same time.
        var sql = $"""
            WITH appended AS (
                INSERT INTO {_s}.events (incident_id, version, type, line)
                SELECT $1, $2 + 1, $3, $4
                WHERE COALESCE((SELECT max(version) FROM {_s}.events WHERE incident_id = $1), 0) = $2
                ON CONFLICT (incident_id, version) DO NOTHING
                RETURNING version),
            head AS (
                INSERT INTO {_s}.heads ({HeadColumns})
                SELECT $1, version, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15 FROM appended
                ON CONFLICT (incident_id) DO UPDATE SET
                    version = EXCLUDED.version, status = EXCLUDED.status, severity = EXCLUDED.severity,
                    service = EXCLUDED.service, summary = EXCLUDED.summary, title = EXCLUDED.title,
                    alert_at = EXCLUDED.alert_at, alert_at_ns = EXCLUDED.alert_at_ns,
                    last_event_at = EXCLUDED.last_event_at, last_event_at_ns = EXCLUDED.last_event_at_ns,
                    policy_hash = EXCLUDED.policy_hash, dedup_key = EXCLUDED.dedup_key
                WHERE {_s}.heads.version < EXCLUDED.version
                RETURNING 1)
            SELECT count(*)::integer FROM appended
            """;
        var appended = 0;
        await RunAsync(
            sql,
            [
                Text(incidentId), Integer(expectedVersion), Text(incidentEvent.Type), Text(line),
                Text(StatusText(head.Status)), Text(head.Severity), Text(head.Service), Text(head.Summary), Text(head.Title),
                Timestamp(alertAt), Integer(alertAtNs), Timestamp(lastAt), Integer(lastAtNs), Text(head.PolicyHash), Text(head.DedupKey),
            ],
            async reader =>
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                appended = reader.GetInt32(0);
            },
            cancellationToken).ConfigureAwait(false);
        return appended == 1;
    }

    /// <inheritdoc />
    /// <remarks>One query over a partial index of the open heads; 10,000 open incidents come back in one call.</remarks>
    /// <exception cref="PostgreSqlEventStoreException">The server cannot be reached or the schema does not exist.</exception>
    public async Task<IReadOnlyList<IncidentHead>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        var heads = new List<IncidentHead>();
        await RunAsync(
            $"SELECT {HeadColumns} FROM {_s}.heads WHERE status IN {OpenStatuses} ORDER BY alert_at, alert_at_ns, incident_id",
            [],
            async reader =>
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    heads.Add(ReadHead(reader));
                }
            },
            cancellationToken).ConfigureAwait(false);

        // The database orders ids by UTF-8 bytes; .NET's ordinal order differs for a few characters outside the BMP.
        heads.Sort(HeadOrder);
        return heads.AsReadOnly();
    }

    /// <inheritdoc />
    /// <remarks>Uses a partial index of the open heads' dedup keys. When several open incidents carry the key, answers
    /// the earliest-raised one (then the smallest id).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="dedupKey"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dedupKey"/> holds text PostgreSQL cannot keep.</exception>
    /// <exception cref="PostgreSqlEventStoreException">The server cannot be reached or the schema does not exist.</exception>
    public async Task<string?> FindOpenByDedupKeyAsync(string dedupKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dedupKey);
        CheckText(dedupKey, nameof(dedupKey));
        var heads = new List<IncidentHead>();
        await RunAsync(
            $"SELECT {HeadColumns} FROM {_s}.heads WHERE dedup_key = $1 AND status IN {OpenStatuses}",
            [Text(dedupKey)],
            async reader =>
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    heads.Add(ReadHead(reader));
                }
            },
            cancellationToken).ConfigureAwait(false);
        heads.Sort(HeadOrder);
        return heads.Count == 0 ? null : heads[0].IncidentId;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="hash"/> is blank, or either text cannot be kept.</exception>
    /// <exception cref="PostgreSqlEventStoreException">The server cannot be reached or the schema does not exist.</exception>
    public Task SavePolicyAsync(string hash, string policyJson, CancellationToken cancellationToken = default)
    {
        CheckId(hash, nameof(hash));
        ArgumentNullException.ThrowIfNull(policyJson);
        CheckText(policyJson, nameof(policyJson));
        return RunAsync(
            $"INSERT INTO {_s}.policies (hash, policy) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING",
            [Text(hash), Text(policyJson)],
            reader => Task.CompletedTask,
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="hash"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="hash"/> is blank or holds text PostgreSQL cannot keep.</exception>
    /// <exception cref="PostgreSqlEventStoreException">The server cannot be reached or the schema does not exist.</exception>
    public async Task<string?> ReadPolicyAsync(string hash, CancellationToken cancellationToken = default)
    {
        CheckId(hash, nameof(hash));
        string? policy = null;
        await RunAsync(
            $"SELECT policy FROM {_s}.policies WHERE hash = $1",
            [Text(hash)],
            async reader =>
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    policy = reader.GetString(0);
                }
            },
            cancellationToken).ConfigureAwait(false);
        return policy;
    }

    /// <summary>Closes the data source when the store created it from a connection string; otherwise does nothing.</summary>
    /// <returns>A task that completes when the data source is closed.</returns>
    public ValueTask DisposeAsync() => _ownsDataSource ? _dataSource.DisposeAsync() : ValueTask.CompletedTask;

    /// <summary>Closes the data source when the store created it from a connection string; otherwise does nothing.</summary>
    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    internal static string StatusText(IncidentStatus status) => status switch
    {
        IncidentStatus.Triggered => "triggered",
        IncidentStatus.Acknowledged => "acknowledged",
        IncidentStatus.Investigating => "investigating",
        IncidentStatus.Mitigated => "mitigated",
        IncidentStatus.Resolved => "resolved",
        IncidentStatus.PostMortem => "postMortem",
        IncidentStatus.Closed => "closed",
        IncidentStatus.Declined => "declined",
        IncidentStatus.Merged => "merged",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "the head's status is not a defined IncidentStatus"),
    };

    private static IncidentStatus ParseStatus(string text) => text switch
    {
        "triggered" => IncidentStatus.Triggered,
        "acknowledged" => IncidentStatus.Acknowledged,
        "investigating" => IncidentStatus.Investigating,
        "mitigated" => IncidentStatus.Mitigated,
        "resolved" => IncidentStatus.Resolved,
        "postMortem" => IncidentStatus.PostMortem,
        "closed" => IncidentStatus.Closed,
        "declined" => IncidentStatus.Declined,
        "merged" => IncidentStatus.Merged,
        _ => throw new InvalidDataException($"a stored head has status '{text}', which is not an incident status"),
    };

    private static int HeadOrder(IncidentHead x, IncidentHead y)
    {
        var byAlert = x.AlertAt.CompareTo(y.AlertAt);
        return byAlert != 0 ? byAlert : string.CompareOrdinal(x.IncidentId, y.IncidentId);
    }

    private static IncidentHead ReadHead(NpgsqlDataReader reader) => new(
        IncidentId: reader.GetString(0),
        Version: reader.GetInt32(1),
        Status: ParseStatus(reader.GetString(2)),
        Severity: NullableText(reader, 3),
        Service: NullableText(reader, 4),
        Summary: reader.GetString(5),
        Title: NullableText(reader, 6),
        AlertAt: InstantColumns.Join(reader.GetFieldValue<DateTime>(7), reader.GetInt32(8)),
        LastEventAt: InstantColumns.Join(reader.GetFieldValue<DateTime>(9), reader.GetInt32(10)),
        PolicyHash: NullableText(reader, 11),
        DedupKey: NullableText(reader, 12));

    private static string? NullableText(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static void CheckId(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        CheckText(value, name);
    }

    // PostgreSQL's text cannot hold U+0000, and text that is not valid UTF-16 would not come back as written.
    private static void CheckText(string? value, string name)
    {
        if (value is null)
        {
            return;
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{name} contains the character U+0000, which PostgreSQL text cannot hold", name);
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                throw new ArgumentException($"{name} contains a lone surrogate at index {i}, which is not valid Unicode", name);
            }
        }
    }

    private static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            return NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"not a valid PostgreSQL connection string: {e.Message}", nameof(connectionString), e);
        }
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Integer(int value) => new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = value };

    private static NpgsqlParameter Timestamp(DateTime value) => new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value };

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();

    private async Task RunAsync(string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, Task> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await read(reader).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            throw new PostgreSqlEventStoreException(
                $"the event store's tables do not exist in schema '{Schema}' of {Describe()}; run EnsureSchemaAsync first ({e.MessageText})", e);
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            throw new PostgreSqlEventStoreException($"cannot connect to {Describe()}: {e.Message}", e);
        }
    }

    // Host, port, database and user of the data source; never the password.
    private string Describe()
    {
        var settings = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString);
        var port = settings.Port;
        return $"PostgreSQL at {settings.Host}:{port} (database '{settings.Database ?? settings.Username}', user '{settings.Username}')";
    }
}
