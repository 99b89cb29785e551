using System.Numerics;
using NodaTime;

namespace IncidentPolicy.Metrics;

/// <summary>
/// Count, mean, median, 90th percentile, minimum and maximum of a set of durations, such as the times to resolve of
/// many incidents.
/// </summary>
/// <remarks>
/// <para>Percentiles use the nearest-rank definition: with the <c>n</c> values sorted ascending, the p-th percentile
/// is the value at 1-based rank <c>⌈p/100 × n⌉</c>. It is always one of the values (never interpolated), so the
/// median of an even count is the lower of the two middle values. The mean is exact, truncated toward zero to the
/// nanosecond.</para>
/// <para>For an empty set <see cref="Count"/> is 0 and every other member is <see langword="null"/>. Immutable and
/// thread-safe.</para>
/// </remarks>
/// <param name="Count">How many durations.</param>
/// <param name="Mean">The arithmetic mean.</param>
/// <param name="Median">The 50th percentile (nearest rank).</param>
/// <param name="P90">The 90th percentile (nearest rank).</param>
/// <param name="Min">The smallest.</param>
/// <param name="Max">The largest.</param>
public sealed record DurationStatistics(int Count, Duration? Mean, Duration? Median, Duration? P90, Duration? Min, Duration? Max)
{
    private const long NanosecondsPerDay = 86_400_000_000_000L;

    /// <summary>The statistics of no durations: count 0, everything else <see langword="null"/>.</summary>
    public static DurationStatistics Empty { get; } = new(0, null, null, null, null, null);

    /// <summary>Computes the statistics of <paramref name="durations"/>; their order does not matter.</summary>
    /// <param name="durations">The durations; may be empty.</param>
    /// <returns>The statistics.</returns>
    public static DurationStatistics Of(IEnumerable<Duration> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        var sorted = durations.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted);
    }

    /// <summary>The <paramref name="percentile"/>-th percentile of <paramref name="durations"/> by nearest rank: the
    /// value at 1-based rank <c>⌈percentile/100 × n⌉</c> of the sorted values (rank 1 for percentile 0).</summary>
    /// <param name="durations">The durations, in any order; at least one.</param>
    /// <param name="percentile">From 0 to 100.</param>
    /// <returns>One of the durations.</returns>
    /// <exception cref="ArgumentException"><paramref name="durations"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percentile"/> is outside 0–100.</exception>
    public static Duration Percentile(IEnumerable<Duration> durations, int percentile)
    {
        ArgumentNullException.ThrowIfNull(durations);
        ArgumentOutOfRangeException.ThrowIfNegative(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var sorted = durations.ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A percentile needs at least one duration.", nameof(durations));
        }

        Array.Sort(sorted);
        return NearestRank(sorted, percentile);
    }

    internal static DurationStatistics OfSorted(Duration[] sorted)
    {
        if (sorted.Length == 0)
        {
            return Empty;
        }

        // Summed in whole nanoseconds so 100,000 long incidents neither overflow nor lose precision.
        Int128 sum = 0;
        foreach (var d in sorted)
        {
            sum += ((Int128)d.Days * NanosecondsPerDay) + d.NanosecondOfDay;
        }

        var mean = Duration.FromNanoseconds((BigInteger)(sum / sorted.Length));
        return new DurationStatistics(
            sorted.Length, mean, NearestRank(sorted, 50), NearestRank(sorted, 90), sorted[0], sorted[^1]);
    }

    private static Duration NearestRank(Duration[] sorted, int percentile) => sorted[NearestRankIndex(sorted.Length, percentile)];

    /// <summary>The index of the nearest-rank <paramref name="percentile"/> in <paramref name="count"/> sorted values:
    /// ⌈p × n / 100⌉ − 1 in integers; rank 0 (p = 0) reads as rank 1.</summary>
    internal static int NearestRankIndex(int count, int percentile)
    {
        var rank = (int)(((long)percentile * count + 99) / 100);
        return Math.Max(rank, 1) - 1;
    }
}
