using NodaTime;

namespace IncidentPolicy.Metrics;

/// <summary>
/// Durations sorted for statistics: as whole nanoseconds when every one fits a <see cref="long"/> (about ±292 years,
/// so in practice always; sorting longs is several times faster than sorting <see cref="Duration"/>s through their
/// comparer), and as <see cref="Duration"/>s otherwise. Sorted groups merge in linear time, so statistics over all
/// incidents reuse the sorts by severity.
/// </summary>
internal readonly struct SortedDurations
{
    private static readonly Duration MinNanoseconds = Duration.FromNanoseconds(long.MinValue);
    private static readonly Duration MaxNanoseconds = Duration.FromNanoseconds(long.MaxValue);

    private readonly long[]? _nanoseconds;
    private readonly Duration[]? _durations;

    private SortedDurations(long[]? nanoseconds, Duration[]? durations)
    {
        _nanoseconds = nanoseconds;
        _durations = durations;
    }

    public int Count => _nanoseconds?.Length ?? _durations?.Length ?? 0;

    /// <summary>Sorts <paramref name="values"/> (which it does not change).</summary>
    public static SortedDurations Of(List<Duration> values)
    {
        var nanoseconds = new long[values.Count];
        for (var i = 0; i < nanoseconds.Length; i++)
        {
            var value = values[i];
            if (value < MinNanoseconds || value > MaxNanoseconds)
            {
                return Wide(values);
            }

            nanoseconds[i] = value.ToInt64Nanoseconds();
        }

        Array.Sort(nanoseconds);
        return new SortedDurations(nanoseconds, null);
    }

    /// <summary>All of <paramref name="parts"/> in one sorted sequence.</summary>
    public static SortedDurations Merge(IReadOnlyList<SortedDurations> parts)
    {
        var total = 0;
        var wide = false;
        foreach (var part in parts)
        {
            total += part.Count;
            wide |= part._durations is not null;
        }

        if (wide)
        {
            var all = new List<Duration>(total);
            foreach (var part in parts)
            {
                all.AddRange(part.ToDurations());
            }

            return Wide(all);
        }

        // A k-way merge over few parts (one per severity): the smallest head each time.
        var merged = new long[total];
        var heads = new int[parts.Count];
        for (var i = 0; i < merged.Length; i++)
        {
            var best = -1;
            for (var p = 0; p < parts.Count; p++)
            {
                var part = parts[p]._nanoseconds!;
                if (heads[p] < part.Length && (best < 0 || part[heads[p]] < parts[best]._nanoseconds![heads[best]]))
                {
                    best = p;
                }
            }

            merged[i] = parts[best]._nanoseconds![heads[best]++];
        }

        return new SortedDurations(merged, null);
    }

    /// <summary>Count, mean, median, p90, min and max, as <see cref="DurationStatistics.Of"/> computes them.</summary>
    public DurationStatistics Statistics()
    {
        if (_durations is { } durations)
        {
            return DurationStatistics.OfSorted(durations);
        }

        var sorted = _nanoseconds ?? [];
        if (sorted.Length == 0)
        {
            return DurationStatistics.Empty;
        }

        Int128 sum = 0;
        foreach (var n in sorted)
        {
            sum += n;
        }

        return new DurationStatistics(
            sorted.Length,
            Duration.FromNanoseconds((long)(sum / sorted.Length)),
            Duration.FromNanoseconds(sorted[DurationStatistics.NearestRankIndex(sorted.Length, 50)]),
            Duration.FromNanoseconds(sorted[DurationStatistics.NearestRankIndex(sorted.Length, 90)]),
            Duration.FromNanoseconds(sorted[0]),
            Duration.FromNanoseconds(sorted[^1]));
    }

    private static SortedDurations Wide(List<Duration> values)
    {
        var durations = values.ToArray();
        Array.Sort(durations);
        return new SortedDurations(null, durations);
    }

    private IEnumerable<Duration> ToDurations() =>
        _durations ?? (_nanoseconds ?? []).Select(Duration.FromNanoseconds);
}
