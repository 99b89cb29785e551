using System.Collections.ObjectModel;

namespace IncidentPolicy.Serialization;

/// <summary>
/// Thrown by <see cref="EventLogJson.Parse"/> and <see cref="EventLogJson.Load"/> when an event log is bad or its file
/// cannot be read. It carries the errors and the contents read before them.
/// </summary>
/// <remarks>This is the only exception type that <see cref="EventLogJson"/> lets escape for bad input; use
/// <see cref="EventLogJson.TryParse"/> or <see cref="EventLogJson.TryLoad"/> to get the same answer without one.</remarks>
public sealed class EventLogException : Exception
{
    /// <summary>Creates the exception from the errors of a read and what was read before them.</summary>
    /// <param name="errors">The errors, in the order they were found; there must be at least one. The reader stops at
    /// the first problem, so it reports one.</param>
    /// <param name="contents">The contents read before the first error.</param>
    /// <exception cref="ArgumentNullException"><paramref name="errors"/>, one of them, or <paramref name="contents"/>
    /// is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="errors"/> is empty.</exception>
    public EventLogException(IEnumerable<EventLogError> errors, EventLogContents contents)
        : this(Materialize(errors), contents)
    {
    }

    private EventLogException(ReadOnlyCollection<EventLogError> errors, EventLogContents contents)
        : base("The event log is invalid: " + string.Join("; ", errors))
    {
        ArgumentNullException.ThrowIfNull(contents);
        Errors = errors;
        Contents = contents;
    }

    /// <summary>Where the log went bad, and why: the event's index, its line, the JSON path and the reason. Never
    /// empty.</summary>
    public IReadOnlyList<EventLogError> Errors { get; }

    /// <summary>What was read before the first error: every event before the bad one, untouched (none when the log as
    /// a whole is bad), and the document's incident id when it was read.</summary>
    public EventLogContents Contents { get; }

    private static ReadOnlyCollection<EventLogError> Materialize(IEnumerable<EventLogError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var list = errors.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("An event log exception needs at least one error.", nameof(errors));
        }

        foreach (var error in list)
        {
            ArgumentNullException.ThrowIfNull(error, nameof(errors));
        }

        return list.AsReadOnly();
    }
}
