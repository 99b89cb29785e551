using System.Collections;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// An incident's events, oldest first: an immutable list whose <see cref="Add"/> returns a longer list and leaves this
/// one as it was. Versions of one log share a backing array: the first version to add after the last element takes
/// the next free slot by writing its event there with a compare-and-swap against <see langword="null"/> (a version is
/// never written below its own count, so every version reads what it always read); any other adds by copying. So
/// appending is O(1) amortised, reading by index is O(1), and an incident's events sit in one array — what
/// evaluations and replays walk, again and again.
/// </summary>
/// <remarks>Thread-safe: the compare-and-swap that writes the event is a full fence, so the event is in the array
/// before the longer list can be published to another thread.</remarks>
internal sealed class EventLog : IReadOnlyList<IncidentEvent>
{
    private readonly IncidentEvent?[] _items;
    private readonly int _count;

    private EventLog(IncidentEvent?[] items, int count)
    {
        _items = items;
        _count = count;
    }

    /// <summary>The empty log.</summary>
    public static EventLog Empty { get; } = new([], 0);

    public int Count => _count;

    public IncidentEvent this[int index] =>
        (uint)index < (uint)_count ? _items[index]! : throw new ArgumentOutOfRangeException(nameof(index), index, $"The log has {_count} events.");

    /// <summary>The events, for a loop that allocates nothing.</summary>
    public ReadOnlySpan<IncidentEvent> AsSpan() => new(_items!, 0, _count);

    /// <summary>This log with <paramref name="event"/> after its last event.</summary>
    public EventLog Add(IncidentEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var items = _items;
        if (_count < items.Length && Interlocked.CompareExchange(ref items[_count], @event, null) is null)
        {
            return new EventLog(items, _count + 1);
        }

        var grown = new IncidentEvent?[Math.Max(8, _count * 2)];
        Array.Copy(items, grown, _count);
        grown[_count] = @event;
        return new EventLog(grown, _count + 1);
    }

    public IEnumerator<IncidentEvent> GetEnumerator()
    {
        var items = _items;
        for (var i = 0; i < _count; i++)
        {
            yield return items[i]!;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
