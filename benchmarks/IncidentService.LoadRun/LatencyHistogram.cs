using System.Diagnostics;

namespace IncidentService.LoadRun;

/// <summary>
/// Latencies counted into preallocated log-linear buckets of microseconds: exact below 2,048 µs, then 1,024 buckets per
/// power of two (relative error under 0.1 %), up to about 12 days. Recording is an index computation and an increment
/// (no allocation, no lock); each worker has its own histogram and they are merged after the run.
/// </summary>
/// <remarks>Not thread-safe: one writer at a time.</remarks>
internal sealed class LatencyHistogram
{
    private const int LinearLimit = 2048;
    private const int SubBuckets = 1024;
    private const int Exponents = 30;

    private readonly long[] _counts = new long[LinearLimit + (Exponents * SubBuckets)];

    /// <summary>How many latencies were recorded.</summary>
    public long Count { get; private set; }

    /// <summary>The largest latency recorded, in microseconds (exact).</summary>
    public long MaxMicroseconds { get; private set; }

    /// <summary>Records a latency given as <see cref="Stopwatch"/> ticks.</summary>
    public void RecordTicks(long ticks)
    {
        var micros = Math.Max(0, ticks) * 1_000_000 / Stopwatch.Frequency;
        _counts[Index(micros)]++;
        Count++;
        if (micros > MaxMicroseconds)
        {
            MaxMicroseconds = micros;
        }
    }

    /// <summary>Adds another histogram's counts to this one.</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        MaxMicroseconds = Math.Max(MaxMicroseconds, other.MaxMicroseconds);
    }

    /// <summary>The latency at or below which <paramref name="percent"/> % of the recorded ones are (nearest rank), in
    /// milliseconds; NaN when nothing was recorded.</summary>
    public double PercentileMilliseconds(double percent)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percent / 100.0 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperBound(i), MaxMicroseconds) / 1000.0;
            }
        }

        return MaxMicroseconds / 1000.0;
    }

    private static int Index(long micros)
    {
        if (micros < LinearLimit)
        {
            return (int)micros;
        }

        // micros >> shift lies in [1024, 2048): the top eleven bits; the exponent picks the row.
        var shift = Math.Min(63 - (int)long.LeadingZeroCount(micros) - 10, Exponents);
        var sub = Math.Min((micros >> shift) - SubBuckets, SubBuckets - 1);
        return LinearLimit + ((shift - 1) * SubBuckets) + (int)sub;
    }

    // The largest value a bucket holds, so a percentile is never understated.
    private static long UpperBound(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var shift = ((index - LinearLimit) / SubBuckets) + 1;
        var sub = (index - LinearLimit) % SubBuckets;
        return ((SubBuckets + (long)sub + 1) << shift) - 1;
    }
}
