using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Testing;

/// <summary>One accepted step of a generated incident history: the command, who issued it, when, and the event
/// <see cref="Incident.Apply"/> produced for it.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Command">The command applied.</param>
/// <param name="Actor">Who issued it, with the organisation roles they hold.</param>
/// <param name="At">When it was applied; never before the previous step.</param>
/// <param name="Event">The event it produced, as appended to the log.</param>
/// <param name="Status">The incident's status after it.</param>
public sealed record HistoryStep(IncidentCommand Command, Actor Actor, Instant At, IncidentEvent Event, IncidentStatus Status)
{
    /// <summary>One line for a timeline: <c>2026-05-29T04:12:00Z  lead-1  Declare { Severity = SEV-1, Title = Checkout errors }  → Investigating</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => $"{IncidentPolicy.Primitives.TextFormats.Format(At)}  {Actor.Id}  {Describe(Command)}  → {Status}";

    // Records print their Kind, which only repeats the type name.
    internal static string Describe(IncidentCommand command) =>
        command.ToString()
            .Replace($" {{ Kind = {command.Kind} }}", "", StringComparison.Ordinal)
            .Replace($"Kind = {command.Kind}, ", "", StringComparison.Ordinal);
}
