using Npgsql;

namespace IncidentPolicy.Orleans.PostgreSql;

// The store's schema: created and migrated by EnsureSchemaAsync.
public sealed partial class PostgreSqlIncidentEventStore
{
    /// <summary>
    /// Creates the store's schema and tables when they do not exist and records <see cref="SchemaVersion"/>: an
    /// idempotent migration, safe to run on every start and from several processes at once (they take turns on an
    /// advisory lock named after the schema).
    /// </summary>
    /// <remarks>Every statement is "create if absent", so running it on a database made by an earlier release adds
    /// what that release lacked — the index <c>heads_ended</c> of <see cref="ListEndedSinceAsync"/> was added this way
    /// — and leaves the rest as it is. <see cref="SchemaVersion"/> counts changes to the tables that an older package
    /// could not read or write correctly; an added index is not one, so it does not move the version, and an older
    /// package still opens (and keeps using) a database this one migrated, as a rolling upgrade needs.</remarks>
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
            CREATE INDEX IF NOT EXISTS heads_ended ON {_s}.heads (last_event_at DESC, last_event_at_ns DESC, incident_id)
                WHERE status NOT IN {OpenStatuses};
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
}
