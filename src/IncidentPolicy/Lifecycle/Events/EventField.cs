using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>What a field of an event holds; it decides how the event log writes and reads the field, how
/// <see cref="StorableEvent"/> checks it and how the test generators make one.</summary>
internal enum EventFieldKind : byte
{
    /// <summary>A string. A required one is never null and may not be blank in the log; an optional one
    /// (<see cref="EventField.Optional"/>) may be null, written <c>null</c>.</summary>
    Text,

    /// <summary>An <see cref="NodaTime.Instant"/>, written as ISO 8601 UTC text ending in <c>Z</c>.</summary>
    Instant,

    /// <summary>A <see cref="LocalDate"/>, written <c>2026-06-05</c>.</summary>
    Date,

    /// <summary>A <see cref="decimal"/>, written as a JSON number with its digits.</summary>
    Decimal,

    /// <summary>An enum value, written camelCase (<see cref="EventChoice"/>).</summary>
    Choice,
}

/// <summary>
/// One field of an event type after <c>at</c> and <c>by</c>: its name in the log (the record's parameter, camelCase),
/// what it holds, how to get it from an event and how a rejection names it. Immutable and thread-safe.
/// </summary>
internal sealed class EventField
{
    private readonly Func<IncidentEvent, string?>? _text;
    private readonly Func<IncidentEvent, Instant>? _instant;
    private readonly Func<IncidentEvent, LocalDate>? _date;
    private readonly Func<IncidentEvent, decimal>? _decimal;
    private readonly Func<IncidentEvent, object>? _choice;

    private EventField(
        string name,
        EventFieldKind kind,
        bool optional,
        StorableText.Shape? shape,
        string? what,
        EventChoice? choice,
        FieldOrigin origin = default,
        Func<IncidentEvent, string?>? text = null,
        Func<IncidentEvent, Instant>? instant = null,
        Func<IncidentEvent, LocalDate>? date = null,
        Func<IncidentEvent, decimal>? number = null,
        Func<IncidentEvent, object>? choiceValue = null)
    {
        Name = name;
        Kind = kind;
        Optional = optional;
        Shape = shape;
        What = what;
        Choice = choice;
        SetByLibrary = origin.SetByLibrary;
        OmittedWhenNull = origin.OmittedWhenNull;
        CommandName = origin.SetByLibrary ? null : origin.CommandName ?? name;
        _text = text;
        _instant = instant;
        _date = date;
        _decimal = number;
        _choice = choiceValue;
    }

    /// <summary>The field's key in the log, camelCase: the record's parameter name (<c>policyHash</c>).</summary>
    public string Name { get; }

    /// <summary>What the field holds.</summary>
    public EventFieldKind Kind { get; }

    /// <summary>Whether a text field may be null: absent or <c>null</c> in the log. Every other field is required.</summary>
    public bool Optional { get; }

    /// <summary>The shape <see cref="StorableEvent"/> checks a text field against, or null when the library sets the
    /// field itself and it is not checked (an alert's policy hash).</summary>
    public StorableText.Shape? Shape { get; }

    /// <summary>How a rejection names the field (<c>the alert summary</c>), or null when it is not checked.</summary>
    public string? What { get; }

    /// <summary>The enum a <see cref="EventFieldKind.Choice"/> field holds; null for every other kind.</summary>
    public EventChoice? Choice { get; }

    /// <summary>Whether <see cref="Incident.Apply"/> sets the field itself (an alert's policy hash): no command carries
    /// it, so <see cref="CommandName"/> is null.</summary>
    public bool SetByLibrary { get; }

    /// <summary>Whether the writer leaves an optional field out when it is null, rather than writing <c>null</c>: a field
    /// added to format version 1 after logs were written, so that those logs are written back byte for byte.</summary>
    public bool OmittedWhenNull { get; }

    /// <summary>The field's key in the command's JSON form (<see cref="CommandCatalogue"/>): the command record's
    /// parameter, camelCase — the event's own <see cref="Name"/> unless the command names it otherwise (the
    /// <c>incidentId</c> of <c>mergeInto</c> is the <c>into</c> of <c>merged</c>); null when the library sets the field.</summary>
    public string? CommandName { get; }

    /// <summary>A <see cref="EventFieldKind.Text"/> field's value.</summary>
    public string? Text(IncidentEvent e) => _text!(e);

    /// <summary>An <see cref="EventFieldKind.Instant"/> field's value.</summary>
    public Instant Instant(IncidentEvent e) => _instant!(e);

    /// <summary>A <see cref="EventFieldKind.Date"/> field's value.</summary>
    public LocalDate Date(IncidentEvent e) => _date!(e);

    /// <summary>A <see cref="EventFieldKind.Decimal"/> field's value.</summary>
    public decimal Decimal(IncidentEvent e) => _decimal!(e);

    /// <summary>A <see cref="EventFieldKind.Choice"/> field's value, boxed.</summary>
    public object ChoiceValue(IncidentEvent e) => _choice!(e);

    /// <summary>The field's value, boxed for all but text: what <see cref="EventType.Create"/> takes at its place.</summary>
    public object? Value(IncidentEvent e) => Kind switch
    {
        EventFieldKind.Text => Text(e),
        EventFieldKind.Instant => Instant(e),
        EventFieldKind.Date => Date(e),
        EventFieldKind.Decimal => Decimal(e),
        _ => ChoiceValue(e),
    };

    internal static EventField ForText<TEvent>(string name, Func<TEvent, string?> get, bool optional, StorableText.Shape? shape, string? what, FieldOrigin origin = default)
        where TEvent : IncidentEvent =>
        new(name, EventFieldKind.Text, optional, shape, what, null, origin, text: e => get((TEvent)e));

    internal static EventField ForInstant<TEvent>(string name, Func<TEvent, Instant> get, string what, FieldOrigin origin = default)
        where TEvent : IncidentEvent =>
        new(name, EventFieldKind.Instant, false, null, what, null, origin, instant: e => get((TEvent)e));

    internal static EventField ForDate<TEvent>(string name, Func<TEvent, LocalDate> get, string what, FieldOrigin origin = default)
        where TEvent : IncidentEvent =>
        new(name, EventFieldKind.Date, false, null, what, null, origin, date: e => get((TEvent)e));

    internal static EventField ForDecimal<TEvent>(string name, Func<TEvent, decimal> get, FieldOrigin origin = default)
        where TEvent : IncidentEvent =>
        new(name, EventFieldKind.Decimal, false, null, null, null, origin, number: e => get((TEvent)e));

    internal static EventField ForChoice<TEvent, TEnum>(string name, Func<TEvent, TEnum> get, string noun, FieldOrigin origin = default)
        where TEvent : IncidentEvent
        where TEnum : struct, Enum =>
        new(name, EventFieldKind.Choice, false, null, null, EventChoice.Of<TEnum>(noun), origin, choiceValue: e => get((TEvent)e));
}

/// <summary>Where a field's value comes from and how it is written, beyond its kind: whether the library sets it,
/// whether it is left out when null, and the name its command gives it when that differs from the event's.</summary>
/// <param name="SetByLibrary">The library sets the field; no command carries it.</param>
/// <param name="OmittedWhenNull">The writer leaves the field out when it is null.</param>
/// <param name="CommandName">The command's name for the field, or null for the event's own.</param>
internal readonly record struct FieldOrigin(bool SetByLibrary = false, bool OmittedWhenNull = false, string? CommandName = null);

/// <summary>The values an enum field may take in the log: each defined value, written camelCase. Immutable and
/// thread-safe.</summary>
internal sealed class EventChoice
{
    private readonly Func<object, string?> _name;

    private EventChoice(Type enumType, string noun, string[] names, object[] values, Func<object, string?> name)
    {
        EnumType = enumType;
        Noun = noun;
        Names = names;
        Values = values;
        _name = name;
        Expected = names.Length == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
    }

    /// <summary>The enum type.</summary>
    public Type EnumType { get; }

    /// <summary>How a reason names one value, with its article: <c>an audience</c>.</summary>
    public string Noun { get; }

    /// <summary>The values as the log writes them, in declaration order: <c>internal</c>, <c>external</c>.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The defined values, boxed, in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<object> Values { get; }

    /// <summary>The names as a reason lists them: <c>open, inProgress, done or wontDo</c>.</summary>
    public string Expected { get; }

    /// <summary>The value written <paramref name="name"/> (ordinal), boxed, or null when no value is.</summary>
    public object? Read(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                return Values[i];
            }
        }

        return null;
    }

    /// <summary>How the log writes <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined in the enum.</exception>
    public string Write(object value) =>
        _name(value) ?? throw new ArgumentOutOfRangeException(nameof(value), value, $"{value} is not a defined {EnumType.Name}");

    internal static EventChoice Of<TEnum>(string noun)
        where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        return new EventChoice(
            typeof(TEnum),
            noun,
            [.. values.Select(v => HumanText.CamelCase(v))],
            [.. values.Select(v => (object)v)],
            value => Enum.IsDefined((TEnum)value) ? HumanText.CamelCase((TEnum)value) : null);
    }
}
