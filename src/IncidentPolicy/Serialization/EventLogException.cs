using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Serialization;

/// <summary>
/// Thrown by <see cref="EventLogJson.Parse"/> and <see cref="EventLogJson.Load"/> when an event log is bad or its file
/// cannot be read. It carries the error and the events read before it.
/// </summary>
/// <remarks>This is the only exception type that <see cref="EventLogJson"/> lets escape for bad input; use
/// <see cref="EventLogJson.Read"/> to get the same answer as a value.</remarks>
public sealed class EventLogException : Exception
{
    /// <summary>Creates the exception from a read that failed.</summary>
    /// <param name="failed">A result whose <see cref="EventLogReadResult.Error"/> is set.</param>
    /// <exception cref="ArgumentException"><paramref name="failed"/> has no error.</exception>
    public EventLogException(EventLogReadResult failed)
        : base(Describe(failed))
    {
        Error = failed.Error!;
        Events = failed.Events;
        IncidentId = failed.IncidentId;
    }

    /// <summary>Where the log went bad, and why.</summary>
    public EventLogError Error { get; }

    /// <summary>Every event read before the bad one, untouched; empty when the log as a whole is bad.</summary>
    public IReadOnlyList<IncidentEvent> Events { get; }

    /// <summary>The document's incident id when it was read before the error; otherwise null.</summary>
    public string? IncidentId { get; }

    private static string Describe(EventLogReadResult failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        if (failed.Error is null)
        {
            throw new ArgumentException("An event log exception needs a result with an error.", nameof(failed));
        }

        return "The event log is invalid: " + failed.Error;
    }
}
