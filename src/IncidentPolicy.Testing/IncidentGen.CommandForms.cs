using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Primitives;
using NodaTime;

namespace IncidentPolicy.Testing;

public static partial class IncidentGen
{
    /// <summary>How many commands <see cref="WellFormedCommands"/> covers: every <see cref="CommandKind"/>.</summary>
    public static int CommandTypeCount => CommandForms.Makers.Length;

    /// <summary>Commands of every kind with arbitrary field values, each valid for its field as
    /// <c>IncidentCommandJson</c> reads it: tricky <see cref="Text"/> of the field's shape (an id or one line has no
    /// control characters), optional text sometimes null or empty, instants to the millisecond, dates, decimals at the
    /// type's limits and every enum value. For serialization tests of hosts that carry commands (a grain call, an HTTP
    /// body); unlike <see cref="Commands"/>, they are not chosen to make sense to any policy.</summary>
    public static Gen<IncidentCommand> WellFormedCommands => CommandForms.Commands;

    private static Gen<object?> WellFormedValueOf(EventField field) => field.Kind switch
    {
        EventFieldKind.Text when field.Shape is { } shape => (field.Optional ? OptionalText : Text.Select(t => (string?)t))
            .Where(t => StorableText.Check(t, shape, "the text") is null)
            .Select(t => (object?)t),
        EventFieldKind.Text => OptionalText.Select(t => (object?)t),
        EventFieldKind.Instant =>
            from days in Gen.Choose(0, 30) from seconds in Gen.Choose(0, 86_399) from millis in Gen.Elements(0, 0, 500, 1)
            select (object?)(EventLogStart + Duration.FromDays(days) + Duration.FromSeconds(seconds) + Duration.FromMilliseconds(millis)),
        EventFieldKind.Date => DueDates.Select(d => (object?)d),
        EventFieldKind.Decimal => Decimals.Select(d => (object?)d),
        _ => Gen.Elements(field.Choice!.Values.ToArray()).Select(v => (object?)v),
    };

    // Built on first use, once the generators it draws on (in other parts of this class) are.
    private static class CommandForms
    {
        // One maker per command of the library's command catalogue, so a new command is generated without a word here.
        public static readonly Gen<IncidentCommand>[] Makers =
            [.. CommandCatalogue.All.Select(type => Gen.CollectToArray(type.Fields, WellFormedValueOf).Select(values => type.Create(values)))];

        public static readonly Gen<IncidentCommand> Commands = Gen.OneOf(Makers);
    }
}
