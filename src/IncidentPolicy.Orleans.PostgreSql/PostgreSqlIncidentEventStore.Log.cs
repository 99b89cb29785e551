using System.Text;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Orleans.Storage;
using IncidentPolicy.Serialization;

namespace IncidentPolicy.Orleans.PostgreSql;

// The event logs: reading an incident's events, and appending one, refused when its version is taken.
public sealed partial class PostgreSqlIncidentEventStore
{
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
}
