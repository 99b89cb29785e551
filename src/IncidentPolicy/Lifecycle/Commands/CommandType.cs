using System.Collections.Immutable;
using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// One entry of the <see cref="CommandCatalogue"/>: a command's name (its <see cref="CommandKind"/> as the permission
/// table writes it), its record, the event it records and the fields of that event it carries, in the record's
/// parameter order. The command's values are read through its event, so the catalogue's field specs (kind, shape,
/// what a rejection calls it) serve both. Immutable and thread-safe.
/// </summary>
internal sealed class CommandType
{
    private readonly Func<EventValues, IncidentCommand> _create;

    internal CommandType(CommandKind kind, Type recordType, EventType recorded, Func<EventValues, IncidentCommand> create)
    {
        Kind = kind;
        Name = HumanText.CamelCase(kind);
        RecordType = recordType;
        Event = recorded;
        Fields = [.. recorded.Fields.Where(field => field.CommandName is not null)];
        _create = create;
    }

    /// <summary>Which command this is.</summary>
    public CommandKind Kind { get; }

    /// <summary>The command as its JSON form and the permission table write it, camelCase: <c>assignRole</c>.</summary>
    public string Name { get; }

    /// <summary>The command record.</summary>
    public Type RecordType { get; }

    /// <summary>The event an accepted command records.</summary>
    public EventType Event { get; }

    /// <summary>The event's fields that the command carries — all but those the library sets — in the command record's
    /// parameter order; each is keyed by its <see cref="EventField.CommandName"/>.</summary>
    public ImmutableArray<EventField> Fields { get; }

    /// <summary>The field the command names <paramref name="name"/> (ordinal), or null.</summary>
    public EventField? Field(string name)
    {
        foreach (var field in Fields)
        {
            if (string.Equals(field.CommandName, name, StringComparison.Ordinal))
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>The command's values, one per field of <see cref="Fields"/> in their order, as
    /// <see cref="EventField.Value"/> answers them: read from the event the command records.</summary>
    public object?[] Values(IncidentCommand command)
    {
        var recorded = command.ToEvent(NodaConstants.UnixEpoch, "");
        var values = new object?[Fields.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Fields[i].Value(recorded);
        }

        return values;
    }

    /// <summary>Makes the command from a value for each of <see cref="Fields"/>, in their order.</summary>
    /// <exception cref="ArgumentException">There are not as many values as fields.</exception>
    /// <exception cref="InvalidCastException">A value is not of its field's kind.</exception>
    public IncidentCommand Create(IReadOnlyList<object?> values)
    {
        if (values.Count != Fields.Length)
        {
            throw new ArgumentException($"{Name} commands have {Fields.Length} fields, not {values.Count}.", nameof(values));
        }

        return _create(new EventValues(values));
    }
}
