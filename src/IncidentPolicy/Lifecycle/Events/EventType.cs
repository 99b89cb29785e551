using System.Collections.Immutable;
using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// One entry of the <see cref="EventCatalogue"/>: an event type's name in the log, its record type, its fields after
/// <c>at</c> and <c>by</c> in the record's order, and how to make an event from their values. Immutable and thread-safe.
/// </summary>
internal sealed class EventType
{
    private readonly Func<Instant, string, EventValues, IncidentEvent> _create;

    internal EventType(
        string name,
        Type recordType,
        ImmutableArray<EventField> fields,
        Func<Instant, string, EventValues, IncidentEvent> create,
        Func<EventType, CommandType>? command = null)
    {
        Name = name;
        RecordType = recordType;
        Fields = fields;
        _create = create;
        Command = command?.Invoke(this);
    }

    /// <summary>The type as the log writes it, its <c>"type"</c>: the record's <see cref="IncidentEvent.Type"/>.</summary>
    public string Name { get; }

    /// <summary>The event record.</summary>
    public Type RecordType { get; }

    /// <summary>The fields after <c>at</c> and <c>by</c>, in the record's (and the log's) order.</summary>
    public ImmutableArray<EventField> Fields { get; }

    /// <summary>The command whose acceptance records this event, with its JSON form; null for an event no command
    /// records.</summary>
    public CommandType? Command { get; }

    /// <summary>The field named <paramref name="name"/> (ordinal), or null.</summary>
    public EventField? Field(string name)
    {
        foreach (var field in Fields)
        {
            if (string.Equals(field.Name, name, StringComparison.Ordinal))
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>Makes the event.</summary>
    /// <param name="at">When it happened.</param>
    /// <param name="by">Who did it.</param>
    /// <param name="values">A value for each of <see cref="Fields"/>, in their order, as <see cref="EventField.Value"/>
    /// answers it: a string (or null) for text, a boxed instant, date, decimal or enum value for the others.</param>
    /// <exception cref="InvalidCastException">A value is not of its field's kind.</exception>
    public IncidentEvent Create(Instant at, string by, IReadOnlyList<object?> values)
    {
        if (values.Count != Fields.Length)
        {
            throw new ArgumentException($"{Name} events have {Fields.Length} fields after at and by, not {values.Count}.", nameof(values));
        }

        return _create(at, by, new EventValues(values));
    }
}

/// <summary>The values of an event's fields by position, typed as the record's constructor takes them.</summary>
internal readonly struct EventValues(IReadOnlyList<object?> values)
{
    public string Text(int index) => (string)values[index]!;

    public string? OptionalText(int index) => (string?)values[index];

    public Instant Instant(int index) => (Instant)values[index]!;

    public LocalDate Date(int index) => (LocalDate)values[index]!;

    public decimal Decimal(int index) => (decimal)values[index]!;

    public TEnum Choice<TEnum>(int index)
        where TEnum : struct, Enum => (TEnum)values[index]!;
}
