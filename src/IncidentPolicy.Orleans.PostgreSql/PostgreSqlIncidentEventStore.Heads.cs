using System.Data.Common;
using IncidentPolicy.Orleans.Storage;
using Npgsql;
using NodaTime;

namespace IncidentPolicy.Orleans.PostgreSql;

// The incidents' heads (the open-incident index, the dedup-key lookup, the ended incidents) and the policies by content hash.
public sealed partial class PostgreSqlIncidentEventStore
{
    private const string OpenStatuses = "('triggered', 'acknowledged', 'investigating', 'mitigated')";
    private const string HeadColumns =
        "incident_id, version, status, severity, service, summary, title, alert_at, alert_at_ns, last_event_at, last_event_at_ns, policy_hash, dedup_key";

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
    /// <remarks>One query over the partial index <c>heads_ended</c> (the ended heads by last event, newest first), which
    /// <see cref="EnsureSchemaAsync"/> adds to a database made before it existed; without it the query is still
    /// answered, by a scan of <c>heads</c>. A <paramref name="since"/> before the year 1 (before anything the store can
    /// keep) lists every ended incident. Heads whose last events are the same instant are taken in the database's
    /// byte order of ids and answered in .NET's ordinal order; the two differ only for ids mixing characters outside
    /// the Basic Multilingual Plane with ones from U+E000 to U+FFFF, where which heads fall within
    /// <paramref name="limit"/> may then differ from <see cref="InMemoryIncidentEventStore"/>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is less than 1.</exception>
    /// <exception cref="PostgreSqlEventStoreException">The server cannot be reached or the schema does not exist.</exception>
    public async Task<IReadOnlyList<IncidentHead>> ListEndedSinceAsync(Instant since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var (micros, nanos) = InstantColumns.SplitAtOrAfterEarliest(since);
        var heads = new List<IncidentHead>();
        await RunAsync(
            EndedSinceQuery,
            [Timestamp(micros), Integer(nanos), Integer(limit)],
            async reader =>
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    heads.Add(ReadHead(reader));
                }
            },
            cancellationToken).ConfigureAwait(false);
        heads.Sort(EndedOrder);
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

    /// <summary>The query of <see cref="ListEndedSinceAsync"/>: $1 and $2 the bound's microseconds and nanoseconds,
    /// $3 the limit. Its predicate is the index <c>heads_ended</c>'s, so the planner can use the index.</summary>
    internal string EndedSinceQuery => $"""
        SELECT {HeadColumns} FROM {_s}.heads
        WHERE status NOT IN {OpenStatuses} AND last_event_at >= $1 AND (last_event_at > $1 OR last_event_at_ns >= $2)
        ORDER BY last_event_at DESC, last_event_at_ns DESC, incident_id
        LIMIT $3
        """;

    private static int EndedOrder(IncidentHead x, IncidentHead y)
    {
        var byLastEvent = y.LastEventAt.CompareTo(x.LastEventAt);
        return byLastEvent != 0 ? byLastEvent : string.CompareOrdinal(x.IncidentId, y.IncidentId);
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
}
