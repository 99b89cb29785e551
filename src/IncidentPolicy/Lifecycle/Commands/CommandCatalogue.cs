using System.Collections.Frozen;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// Every command, once, as the <see cref="EventCatalogue"/> declares it beside the event it records: the one table that
/// the command's JSON form reads and writes and the generators make commands from, so that a new command needs no
/// switch anywhere. In the event catalogue's order. Immutable and thread-safe.
/// </summary>
internal static class CommandCatalogue
{
    /// <summary>Every command type, in the event catalogue's order.</summary>
    public static IReadOnlyList<CommandType> All { get; } = [.. EventCatalogue.All.Select(type => type.Command).OfType<CommandType>()];

    private static readonly FrozenDictionary<string, CommandType> ByName =
        All.ToFrozenDictionary(type => type.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, CommandType> ByRecord = All.ToFrozenDictionary(type => type.RecordType);

    /// <summary>The names of every command, as reasons list them: <c>raiseAlert, acknowledge, …</c>.</summary>
    public static string NameList { get; } = string.Join(", ", All.Select(type => type.Name));

    /// <summary>The command written <paramref name="name"/> (ordinal), or null.</summary>
    public static CommandType? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The entry of <paramref name="command"/>'s record.</summary>
    /// <exception cref="InvalidOperationException">The record has no entry: a catalogue mistake, which a test guards.</exception>
    public static CommandType Of(IncidentCommand command) =>
        ByRecord.GetValueOrDefault(command.GetType())
        ?? throw new InvalidOperationException($"{command.GetType().Name} has no entry in the event catalogue.");
}
