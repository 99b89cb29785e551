using System.Collections.Immutable;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using IncidentPolicy.PostMortems;
using NodaTime;

namespace IncidentPolicy.Metrics;

/// <summary>
/// Response metrics over a set of incidents at one instant: time to acknowledge, mitigate and resolve (mean, median,
/// 90th percentile) overall and by severity, the on-time rate of each obligation kind, and action-item completion and
/// overdue counts.
/// </summary>
/// <remarks>
/// <para>Declined and merged incidents (false alarms and duplicates) are excluded and only counted in
/// <see cref="Excluded"/>; so are incidents whose alert is after <see cref="AsOf"/>. Every other incident counts in
/// its group, but towards a time only once it reached that milestone at or before <see cref="AsOf"/>: an open
/// incident adds nothing to time to resolve, rather than a time it has not reached.</para>
/// <para>Obligations come from <see cref="Obligations.PolicyEvaluation.Evaluate"/> with each incident's own policy at
/// <see cref="AsOf"/> (counted without building <c>Obligation</c> objects; a fold an earlier evaluation kept on an
/// incident is used, and none is kept, so a report over freshly replayed logs holds no extra memory); action items are
/// judged overdue and tallied as <see cref="ActionItemReport"/> does it. Percentiles
/// are by nearest rank (<see cref="DurationStatistics"/>). Immutable and thread-safe; it never reads the clock.</para>
/// </remarks>
public sealed class IncidentMetrics
{
    /// <summary>The <see cref="SeverityMetrics.SeverityId"/> of the group of every counted incident.</summary>
    public const string AllKey = "all";

    /// <summary>The <see cref="SeverityMetrics.SeverityId"/> of incidents never given a severity.</summary>
    public const string NoSeverityKey = "(none)";

    private static readonly ObligationKind[] Kinds = Enum.GetValues<ObligationKind>();

    private IncidentMetrics(
        Instant asOf, int excluded, SeverityMetrics all, ImmutableArray<SeverityMetrics> bySeverity,
        ImmutableArray<ObligationRate> onTime, ActionItemTally actionItems)
    {
        AsOf = asOf;
        Excluded = excluded;
        All = all;
        BySeverity = bySeverity;
        OnTime = onTime;
        ActionItems = actionItems;
    }

    /// <summary>The instant the metrics describe.</summary>
    public Instant AsOf { get; }

    /// <summary>Incidents counted: <c>All.Incidents</c>.</summary>
    public int Incidents => All.Incidents;

    /// <summary>Incidents left out: declined, merged, or alerted after <see cref="AsOf"/>.</summary>
    public int Excluded { get; }

    /// <summary>Time-to statistics over every counted incident, keyed <see cref="AllKey"/>.</summary>
    public SeverityMetrics All { get; }

    /// <summary>Time-to statistics per severity (the incident's severity now), ordered by severity id (ordinal),
    /// <see cref="NoSeverityKey"/> last; only severities with incidents appear.</summary>
    public ImmutableArray<SeverityMetrics> BySeverity { get; }

    /// <summary>The on-time rate of every obligation kind, in <see cref="ObligationKind"/> order, including kinds
    /// no incident owed (all counts 0).</summary>
    public ImmutableArray<ObligationRate> OnTime { get; }

    /// <summary>Action items of the counted incidents, keyed <c>all</c>: done, won't do, open and overdue at
    /// <see cref="AsOf"/>, and the completion rate.</summary>
    public ActionItemTally ActionItems { get; }

    /// <summary>The on-time rate of one obligation kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its counts; all 0 when no incident owed it.</returns>
    public ObligationRate For(ObligationKind kind) => OnTime[Array.IndexOf(Kinds, kind)];

    /// <summary>Computes the metrics of already-replayed <paramref name="incidents"/> at <paramref name="asOf"/>.</summary>
    /// <param name="incidents">The incidents, in any order; the result does not depend on it.</param>
    /// <param name="asOf">The instant to measure at; milestones and events after it are ignored.</param>
    /// <returns>The metrics.</returns>
    /// <remarks>From <see cref="ParallelFrom"/> incidents on, the incidents are counted in chunks on the machine's
    /// cores (<see cref="Parallel"/>, the calling thread included) and the chunks' counts and sorted lists merged: the
    /// result is the same as counting them one by one, which is what happens below that size or on one core.</remarks>
    public static IncidentMetrics Compute(IEnumerable<Incident> incidents, Instant asOf) => Compute(incidents, asOf, Environment.ProcessorCount);

    /// <summary>How many incidents make <see cref="Compute(IEnumerable{Incident}, Instant)"/> count on more than one
    /// core: below it, handing chunks to other threads costs more than it saves.</summary>
    internal const int ParallelFrom = 4_096;

    /// <summary><see cref="Compute(IEnumerable{Incident}, Instant)"/> on at most <paramref name="parallelism"/> threads
    /// (1: on the calling thread alone, as the benchmarks measure it too), in chunks from <paramref name="parallelFrom"/>
    /// incidents on (tests lower it to check that chunks merge to the same result).</summary>
    internal static IncidentMetrics Compute(IEnumerable<Incident> incidents, Instant asOf, int parallelism, int parallelFrom = ParallelFrom)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        var list = incidents as IReadOnlyList<Incident> ?? [.. incidents];
        for (var i = 0; i < list.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(list[i], nameof(incidents));
        }

        // Chunks of contiguous incidents, several per thread so that a slow chunk does not leave a core idle.
        var chunks = list.Count >= parallelFrom && parallelism > 1 ? parallelism * 4 : 1;
        var tallies = new Tallies[chunks];
        if (chunks == 1)
        {
            tallies[0] = Tallies.Of(list, 0, list.Count, asOf);
        }
        else
        {
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, chunk =>
                tallies[chunk] = Tallies.Of(list, (int)((long)list.Count * chunk / chunks), (int)((long)list.Count * (chunk + 1) / chunks), asOf));
        }

        // Each chunk's lists are sorted per severity; a severity's lists are the merge of its chunks', and the lists over
        // all incidents the merge of the severities'.
        var ordered = tallies
            .SelectMany(t => t.Groups)
            .GroupBy(g => g.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key == NoSeverityKey)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Sorted: SortedTimes.Merge([.. g.Select(chunk => chunk.Value.Sort())], returnParts: true)))
            .ToList();
        var bySeverity = ordered.Select(g => g.Sorted.ToMetrics(g.Key)).ToImmutableArray();
        var all = SortedTimes.Merge([.. ordered.Select(g => g.Sorted)], returnParts: false);
        var allMetrics = all.ToMetrics(AllKey);
        all.Return();
        ordered.ForEach(g => g.Sorted.Return());
        var onTime = Kinds.Select((kind, i) => new ObligationRate(kind, tallies.Sum(t => t.Met[i]), tallies.Sum(t => t.MetLate[i]), tallies.Sum(t => t.Overdue[i])))
            .ToImmutableArray();
        var items = ActionItemReport.Tally("all", tallies.SelectMany(t => t.Items));
        return new IncidentMetrics(asOf, tallies.Sum(t => t.Excluded), allMetrics, bySeverity, onTime, items);
    }

    /// <summary>What a run of incidents adds to the metrics: the time-to lists by severity, obligation states by kind,
    /// action items and the incidents left out.</summary>
    private sealed class Tallies
    {
        public Dictionary<string, Accumulator> Groups { get; } = new(StringComparer.Ordinal);

        public int[] Met { get; } = new int[Kinds.Length];

        public int[] MetLate { get; } = new int[Kinds.Length];

        public int[] Overdue { get; } = new int[Kinds.Length];

        public List<TrackedActionItem> Items { get; } = [];

        public int Excluded { get; private set; }

        /// <summary>Counts incidents <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) of
        /// <paramref name="incidents"/>.</summary>
        public static Tallies Of(IReadOnlyList<Incident> incidents, int from, int to, Instant asOf)
        {
            var tallies = new Tallies();
            for (var i = from; i < to; i++)
            {
                tallies.Add(incidents[i], asOf);
            }

            return tallies;
        }

        private void Add(Incident incident, Instant asOf)
        {
            if (incident.Status is IncidentStatus.Declined or IncidentStatus.Merged || incident.AlertAt > asOf)
            {
                Excluded++;
                return;
            }

            var key = incident.SeverityId ?? NoSeverityKey;
            if (!Groups.TryGetValue(key, out var group))
            {
                Groups[key] = group = new Accumulator();
            }

            group.Add(incident, asOf);

            // What Evaluate says of each obligation, counted without building the Obligation objects.
            ObligationEngine.Tally(incident.Policy, incident, asOf, Met, MetLate, Overdue);

            var zone = incident.Policy.Calendar.Zone;
            foreach (var item in incident.ActionItems)
            {
                var dueAt = ActionItemReport.DueAt(item, zone);
                Items.Add(new TrackedActionItem(incident.Id, item, dueAt, ActionItemReport.IsOverdue(item, dueAt, asOf)));
            }
        }
    }

    /// <summary>A group's incident count and time-to lists, as <see cref="AuditMetrics"/> measures them.</summary>
    private sealed class Accumulator
    {
        private readonly DurationCollector _acknowledge = new();
        private readonly DurationCollector _mitigate = new();
        private readonly DurationCollector _resolve = new();
        private int _incidents;

        public void Add(Incident incident, Instant asOf)
        {
            _incidents++;
            Append(_acknowledge, incident.AcknowledgedAt, incident, asOf);
            Append(_mitigate, incident.MitigatedAt, incident, asOf);
            Append(_resolve, incident.ResolvedAt, incident, asOf);
        }

        public SortedTimes Sort() => new(_incidents, _acknowledge.Sort(), _mitigate.Sort(), _resolve.Sort());

        private static void Append(DurationCollector list, Instant? at, Incident incident, Instant asOf)
        {
            if (AuditMetrics.Since(incident, at, asOf) is { } time)
            {
                list.Add(time);
            }
        }
    }

    /// <summary>A group's incident count and its three time-to lists, sorted.</summary>
    private sealed record SortedTimes(int Incidents, SortedDurations Acknowledge, SortedDurations Mitigate, SortedDurations Resolve)
    {
        /// <summary>The merge of <paramref name="parts"/>' lists; with <paramref name="returnParts"/>, the parts'
        /// arrays are given back to the pool (a single part is taken over as it is).</summary>
        public static SortedTimes Merge(List<SortedTimes> parts, bool returnParts)
        {
            if (parts.Count == 1 && returnParts)
            {
                return parts[0];
            }

            var merged = new SortedTimes(
                parts.Sum(g => g.Incidents),
                SortedDurations.Merge(parts.Select(g => g.Acknowledge).ToList()),
                SortedDurations.Merge(parts.Select(g => g.Mitigate).ToList()),
                SortedDurations.Merge(parts.Select(g => g.Resolve).ToList()));
            if (returnParts)
            {
                parts.ForEach(part => part.Return());
            }

            return merged;
        }

        public SeverityMetrics ToMetrics(string key) =>
            new(key, Incidents, Acknowledge.Statistics(), Mitigate.Statistics(), Resolve.Statistics());

        /// <summary>Gives the sorted lists' arrays back to the pool.</summary>
        public void Return()
        {
            Acknowledge.Return();
            Mitigate.Return();
            Resolve.Return();
        }
    }
}
