using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>
/// The instants at which parts of a condition may change, collected by <see cref="Condition.NextChange"/> into the
/// caller's stack buffer, and into a list past its end. Conditions in practice have one or two.
/// </summary>
internal ref struct Thresholds(Span<Instant> buffer)
{
    private readonly Span<Instant> _buffer = buffer;
    private List<Instant>? _more;

    public int Count { get; private set; }

    public readonly Instant this[int index] => index < _buffer.Length ? _buffer[index] : _more![index - _buffer.Length];

    public void Add(Instant threshold)
    {
        if (Count < _buffer.Length)
        {
            _buffer[Count] = threshold;
        }
        else
        {
            (_more ??= []).Add(threshold);
        }

        Count++;
    }
}
