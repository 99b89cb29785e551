using System.Buffers;
using NodaTime;

namespace IncidentPolicy.Metrics;

/// <summary>
/// Durations sorted for statistics: as whole nanoseconds when every one fits a <see cref="long"/> (about ±292 years,
/// so in practice always; sorting longs is several times faster than sorting <see cref="Duration"/>s through their
/// comparer), and as <see cref="Duration"/>s otherwise. Sorted groups merge in linear time, so statistics over all
/// incidents reuse the sorts by severity. The nanosecond arrays come from <see cref="ArrayPool{T}.Shared"/> (metrics
/// over 100,000 incidents would otherwise make megabytes of large-object garbage per run, and with it full
/// collections of a heap that holds the incidents); <see cref="Return"/> gives them back.
/// </summary>
internal readonly struct SortedDurations
{
    internal static readonly Duration MinNanoseconds = Duration.FromNanoseconds(long.MinValue);
    internal static readonly Duration MaxNanoseconds = Duration.FromNanoseconds(long.MaxValue);

    private readonly long[]? _nanoseconds;
    private readonly int _count;
    private readonly Duration[]? _durations;

    private SortedDurations(long[]? nanoseconds, int count, Duration[]? durations)
    {
        _nanoseconds = nanoseconds;
        _count = count;
        _durations = durations;
    }

    public int Count => _durations?.Length ?? _count;

    private ReadOnlySpan<long> Nanoseconds => _nanoseconds.AsSpan(0, _count);

    /// <summary>Sorts the first <paramref name="count"/> of <paramref name="nanoseconds"/> in place, taking the array
    /// (rented from the shared pool) over.</summary>
    internal static SortedDurations OfNanoseconds(long[] nanoseconds, int count)
    {
        Array.Sort(nanoseconds, 0, count);
        return new SortedDurations(nanoseconds, count, null);
    }

    /// <summary>Sorts <paramref name="values"/> as durations (some do not fit nanoseconds in a long).</summary>
    internal static SortedDurations Wide(List<Duration> values)
    {
        var durations = values.ToArray();
        Array.Sort(durations);
        return new SortedDurations(null, 0, durations);
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
                part.AddTo(all);
            }

            return Wide(all);
        }

        // A k-way merge over few parts (one per severity): the smallest head each time.
        var merged = Rent(total);
        Span<int> heads = parts.Count <= 64 ? stackalloc int[parts.Count] : new int[parts.Count];
        for (var i = 0; i < total; i++)
        {
            var best = -1;
            var smallest = 0L;
            for (var p = 0; p < parts.Count; p++)
            {
                var part = parts[p];
                if (heads[p] < part._count && (best < 0 || part._nanoseconds![heads[p]] < smallest))
                {
                    best = p;
                    smallest = part._nanoseconds![heads[p]];
                }
            }

            merged[i] = smallest;
            heads[best]++;
        }

        return new SortedDurations(merged, total, null);
    }

    /// <summary>Count, mean, median, p90, min and max, as <see cref="DurationStatistics.Of"/> computes them.</summary>
    public DurationStatistics Statistics()
    {
        if (_durations is { } durations)
        {
            return DurationStatistics.OfSorted(durations);
        }

        var sorted = Nanoseconds;
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

    /// <summary>Gives the nanosecond array back to the pool; this value must not be used afterwards.</summary>
    public void Return()
    {
        if (_nanoseconds is { Length: > 0 } array)
        {
            ArrayPool<long>.Shared.Return(array);
        }
    }

    internal static long[] Rent(int length) => length == 0 ? [] : ArrayPool<long>.Shared.Rent(length);

    private void AddTo(List<Duration> list)
    {
        if (_durations is { } durations)
        {
            list.AddRange(durations);
            return;
        }

        foreach (var n in Nanoseconds)
        {
            list.Add(Duration.FromNanoseconds(n));
        }
    }
}

/// <summary>Collects one time-to list of a metrics group, as nanoseconds in a pooled array while they fit.</summary>
internal sealed class DurationCollector
{
    private long[] _nanoseconds = [];
    private int _count;
    private List<Duration>? _wide;

    public void Add(Duration value)
    {
        if (_wide is not null)
        {
            _wide.Add(value);
            return;
        }

        if (value < SortedDurations.MinNanoseconds || value > SortedDurations.MaxNanoseconds)
        {
            _wide = new List<Duration>(_count + 1);
            for (var i = 0; i < _count; i++)
            {
                _wide.Add(Duration.FromNanoseconds(_nanoseconds[i]));
            }

            _wide.Add(value);
            if (_nanoseconds.Length > 0)
            {
                ArrayPool<long>.Shared.Return(_nanoseconds);
            }

            _nanoseconds = [];
            _count = 0;
            return;
        }

        if (_count == _nanoseconds.Length)
        {
            var grown = SortedDurations.Rent(Math.Max(1024, _count * 2));
            _nanoseconds.AsSpan(0, _count).CopyTo(grown);
            if (_nanoseconds.Length > 0)
            {
                ArrayPool<long>.Shared.Return(_nanoseconds);
            }

            _nanoseconds = grown;
        }

        _nanoseconds[_count++] = value.ToInt64Nanoseconds();
    }

    /// <summary>The values sorted; the collector's array passes to the result.</summary>
    public SortedDurations Sort()
    {
        var sorted = _wide is not null ? SortedDurations.Wide(_wide) : SortedDurations.OfNanoseconds(_nanoseconds, _count);
        _nanoseconds = [];
        _count = 0;
        _wide = null;
        return sorted;
    }
}
