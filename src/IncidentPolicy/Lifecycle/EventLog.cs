using System.Collections;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// An incident's events, oldest first: an immutable list whose <see cref="Add"/> returns a longer list and leaves this
/// one as it was. Versions of one log share a backing array: the first version to add after the last element claims
/// the next free slot and writes there (a version is never written below its own count, so every version reads what it
/// always read); any other adds by copying. So appending is O(1) amortised, reading by index is O(1), and an
/// incident's events sit in one array — what evaluations and replays walk, again and again.
/// </summary>
/// <remarks>Thread-safe: the slot is claimed with a compare-and-swap, and a full fence orders the element's write
/// before the new list can be published to another thread.</remarks>
internal sealed class EventLog : IReadOnlyList<IncidentEvent>
{
    private readonly Buffer _buffer;
    private readonly int _count;

    private EventLog(Buffer buffer, int count)
    {
        _buffer = buffer;
        _count = count;
    }

    /// <summary>The empty log.</summary>
    public static EventLog Empty { get; } = new(new Buffer(0), 0);

    public int Count => _count;

    public IncidentEvent this[int index] =>
        (uint)index < (uint)_count ? _buffer.Items[index] : throw new ArgumentOutOfRangeException(nameof(index), index, $"The log has {_count} events.");

    /// <summary>The events, for a loop that allocates nothing.</summary>
    public ReadOnlySpan<IncidentEvent> AsSpan() => new(_buffer.Items, 0, _count);

    /// <summary>This log with <paramref name="event"/> after its last event.</summary>
    public EventLog Add(IncidentEvent @event)
    {
        var buffer = _buffer;
        if (_count < buffer.Items.Length && Interlocked.CompareExchange(ref buffer.Claimed, _count + 1, _count) == _count)
        {
            buffer.Items[_count] = @event;
            Interlocked.MemoryBarrier();
            return new EventLog(buffer, _count + 1);
        }

        var grown = new Buffer(Math.Max(8, _count * 2)) { Claimed = _count + 1 };
        Array.Copy(buffer.Items, grown.Items, _count);
        grown.Items[_count] = @event;
        return new EventLog(grown, _count + 1);
    }

    public IEnumerator<IncidentEvent> GetEnumerator()
    {
        var items = _buffer.Items;
        for (var i = 0; i < _count; i++)
        {
            yield return items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A backing array, and how many of its slots some version has claimed.</summary>
    private sealed class Buffer(int capacity)
    {
        public readonly IncidentEvent[] Items = capacity == 0 ? [] : new IncidentEvent[capacity];
        public int Claimed;
    }
}
