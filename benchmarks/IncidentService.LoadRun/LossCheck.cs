using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace IncidentService.LoadRun;

/// <summary>
/// After the run: is every trigger the service answered 202 in an incident's event log? Each key's incidents are read
/// through the service's API (<c>GET /api/incidents/{id}/events</c>, with an API key configured for the run), and their
/// <c>alertFired</c> and <c>alertJoined</c> events for the key are counted against the key's ledger.
/// </summary>
/// <remarks>
/// <para><b>Which incidents.</b> The API lists open incidents only (<c>GET /api/incidents?status=open</c>); an incident a
/// resolve closed during the run cannot be found through it. So:</para>
/// <list type="bullet">
/// <item><b>Both modes</b>: each key's open incident must hold at least the triggers answered 202 since the key's last
/// resolve (all of them when no resolve was ever answered 202), and no more than every trigger sent for the key that was
/// answered 202 or not at all. This holds whether the policy accepted that resolve (the triggers after it opened the
/// incident) or refused it (they joined the old one, which holds more).</item>
/// <item><b>postgres mode</b>, additionally and exactly: the ids of <em>all</em> the key's incidents, open and resolved,
/// are read from the event store's <c>heads</c> table (one read-only query; the API has no list of closed incidents),
/// their logs through the API, and the sum must equal the triggers answered 202 (plus at most the unanswered ones,
/// which may or may not have been stored).</item>
/// </list>
/// <para>A check that fails is read again after 2 s (twice at most), in case the open-incident index lagged the store.</para>
/// </remarks>
internal sealed class LossCheck(HttpClient api, IReadOnlyList<AlertKey> keys, string dedupKeyPrefix, string? postgreSql)
{
    /// <summary>Runs the check; answers the report and whether nothing accepted is missing (and nothing is there twice).</summary>
    public async Task<(bool Passed, string Report)> RunAsync()
    {
        (bool Passed, string Report) outcome = default;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            outcome = await CheckOnceAsync();
            if (outcome.Passed)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return outcome;
    }

    private async Task<(bool Passed, string Report)> CheckOnceAsync()
    {
        var open = await OpenIncidentsAsync();
        var all = postgreSql is null ? null : await AllIncidentsAsync(postgreSql);
        var ids = open.Values.SelectMany(v => v).Concat(all?.Values.SelectMany(v => v) ?? []).Distinct(StringComparer.Ordinal).ToList();
        var alerts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, token) =>
            alerts[id] = await AlertEventsAsync(id, token));

        var problems = new List<string>();
        long sinceResolve = 0, inOpen = 0, accepted = 0, inAll = 0, unanswered = 0;
        foreach (var key in keys)
        {
            var openIds = open.GetValueOrDefault(key.DedupKey) ?? [];
            if (openIds.Count > 1)
            {
                problems.Add($"{key.DedupKey}: {openIds.Count} open incidents ({string.Join(", ", openIds)}); one at most is expected");
            }

            var openAlerts = openIds.Sum(id => alerts[id]);
            sinceResolve += key.TriggersAcceptedSinceResolve;
            inOpen += openAlerts;
            accepted += key.TriggersAccepted;
            unanswered += key.TriggersUnanswered;
            var most = key.TriggersAccepted + key.TriggersUnanswered;
            if (openAlerts < key.TriggersAcceptedSinceResolve)
            {
                problems.Add($"{key.DedupKey}: MISSING — {key.TriggersAcceptedSinceResolve} triggers answered 202 since its last resolve, but its open incident ({(openIds.Count == 0 ? "none" : string.Join(", ", openIds))}) holds {openAlerts} alert events");
            }
            else if (openAlerts > most)
            {
                problems.Add($"{key.DedupKey}: its open incident holds {openAlerts} alert events, more than the {most} triggers sent (answered 202 or not at all)");
            }

            if (all is not null)
            {
                var allIds = all.GetValueOrDefault(key.DedupKey) ?? [];
                var allAlerts = allIds.Sum(id => alerts[id]);
                inAll += allAlerts;
                if (allAlerts < key.TriggersAccepted)
                {
                    problems.Add($"{key.DedupKey}: MISSING — {key.TriggersAccepted} triggers answered 202, but its {allIds.Count} incidents hold {allAlerts} alert events");
                }
                else if (allAlerts > most)
                {
                    problems.Add($"{key.DedupKey}: its {allIds.Count} incidents hold {allAlerts} alert events, more than the {most} triggers sent (answered 202 or not at all)");
                }
            }
        }

        var report = string.Create(CultureInfo.InvariantCulture,
            $"loss check over all {keys.Count} keys, {ids.Count} incidents read through the API: open incidents hold {inOpen} alert events for {sinceResolve} triggers answered 202 since each key's last resolve (at least that many expected)");
        if (all is not null)
        {
            report += string.Create(CultureInfo.InvariantCulture,
                $"; all {all.Values.Sum(v => v.Count)} incidents (ids from the store's heads table) hold {inAll} alert events for {accepted} triggers answered 202 (exactly that many expected, plus at most the {unanswered} unanswered)");
        }
        else
        {
            report += string.Create(CultureInfo.InvariantCulture,
                $"; {accepted} triggers answered 202 in all (dev mode: incidents closed by a resolve cannot be listed through the API, so triggers before each key's last resolve are not counted)");
        }

        report += problems.Count == 0
            ? ". Nothing accepted is missing."
            : $". {problems.Count} PROBLEM(S):\n  " + string.Join("\n  ", problems.Take(20)) + (problems.Count > 20 ? $"\n  … and {problems.Count - 20} more" : "");
        return (problems.Count == 0, report);
    }

    private async Task<Dictionary<string, List<string>>> OpenIncidentsAsync()
    {
        using var document = await api.GetFromJsonAsync<JsonDocument>(new Uri("api/incidents?status=open", UriKind.Relative))
            ?? throw new InvalidOperationException("GET /api/incidents?status=open answered no document");
        var byKey = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var incident in document.RootElement.EnumerateArray())
        {
            if (incident.TryGetProperty("dedupKey", out var key) && key.GetString() is { } dedupKey && dedupKey.StartsWith(dedupKeyPrefix, StringComparison.Ordinal))
            {
                Add(byKey, dedupKey, incident.GetProperty("id").GetString()!);
            }
        }

        return byKey;
    }

    private async Task<Dictionary<string, List<string>>> AllIncidentsAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT incident_id, dedup_key FROM incident_policy.heads WHERE dedup_key LIKE $1");
        command.Parameters.AddWithValue(dedupKeyPrefix + "%");
        await using var reader = await command.ExecuteReaderAsync();
        var byKey = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            Add(byKey, reader.GetString(1), reader.GetString(0));
        }

        return byKey;
    }

    /// <summary>The incident's <c>alertFired</c> and <c>alertJoined</c> events, read through the API.</summary>
    private async Task<int> AlertEventsAsync(string incidentId, CancellationToken cancellationToken)
    {
        using var response = await api.GetAsync(new Uri($"api/incidents/{Uri.EscapeDataString(incidentId)}/events", UriKind.Relative), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET /api/incidents/{incidentId}/events answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("events").EnumerateArray()
            .Count(e => e.GetProperty("type").GetString() is "alertFired" or "alertJoined");
    }

    private static void Add(Dictionary<string, List<string>> byKey, string key, string id)
    {
        if (!byKey.TryGetValue(key, out var list))
        {
            byKey[key] = list = [];
        }

        list.Add(id);
    }
}
