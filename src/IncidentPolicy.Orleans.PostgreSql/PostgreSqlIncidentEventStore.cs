using System.Text.RegularExpressions;
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
