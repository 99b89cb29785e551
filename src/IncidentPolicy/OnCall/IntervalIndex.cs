using NodaTime;

namespace IncidentPolicy.OnCall;

/// <summary>
/// Disjoint half-open intervals sorted by start, each with an optional label (the person of an override),
/// answering "which interval holds t, and until when does that answer hold" by binary search.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class IntervalIndex
{
    public static readonly IntervalIndex Empty = new([], [], []);

    private readonly Instant[] _starts;
    private readonly Instant[] _ends;
    private readonly string?[] _labels;

    private IntervalIndex(Instant[] starts, Instant[] ends, string?[] labels)
    {
        _starts = starts;
        _ends = ends;
        _labels = labels;
    }

    public int Count => _starts.Length;

    /// <summary>Intervals that do not overlap (overrides of one layer, validated), sorted here.</summary>
    public static IntervalIndex Disjoint(IEnumerable<(Instant Start, Instant End, string? Label)> intervals)
    {
        var sorted = intervals.OrderBy(i => i.Start).ToArray();
        return sorted.Length == 0
            ? Empty
            : new IntervalIndex(sorted.Select(i => i.Start).ToArray(), sorted.Select(i => i.End).ToArray(), sorted.Select(i => i.Label).ToArray());
    }

    /// <summary>Intervals that may overlap or touch (one person's unavailability), merged into their union.</summary>
    public static IntervalIndex Union(IEnumerable<(Instant Start, Instant End)> intervals)
    {
        var merged = new List<(Instant Start, Instant End, string? Label)>();
        foreach (var (start, end) in intervals.OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, end > merged[^1].End ? end : merged[^1].End, null);
            }
            else
            {
                merged.Add((start, end, null));
            }
        }

        return Disjoint(merged);
    }

    public string? Label(int index) => _labels[index];

    /// <summary>The index of the interval holding <paramref name="t"/>, or -1; lowers <paramref name="end"/> to the
    /// instant that answer changes (the interval's end, or the next interval's start).</summary>
    public int Covering(Instant t, ref Instant end)
    {
        if (_starts.Length == 0)
        {
            return -1;
        }

        var i = Array.BinarySearch(_starts, t);
        i = i >= 0 ? i : ~i - 1;
        if (i >= 0 && t < _ends[i])
        {
            if (_ends[i] < end)
            {
                end = _ends[i];
            }

            return i;
        }

        if (i + 1 < _starts.Length && _starts[i + 1] < end)
        {
            end = _starts[i + 1];
        }

        return -1;
    }

    /// <summary>Whether any interval overlaps [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public bool Overlaps(Instant start, Instant end)
    {
        var limit = end;
        return Covering(start, ref limit) >= 0 || limit < end;
    }
}
