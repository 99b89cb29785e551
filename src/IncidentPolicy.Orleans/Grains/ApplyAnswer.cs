using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Orleans.Grains;

/// <summary>
/// What an incident grain answers to a command: the same three outcomes as <see cref="Incident.Apply"/>, reduced to
/// what can cross a grain boundary (the event instead of the whole incident).
/// </summary>
/// <param name="Outcome">Accepted, rejected or conflict.</param>
/// <param name="Version">Accepted: the incident's new version (the event's place in the log, counting from 1).
/// Rejected or conflict: the incident's current version (0 when it does not exist).</param>
/// <param name="Event">Accepted: the event appended to the log; otherwise <see langword="null"/>.</param>
/// <param name="Rejection">Rejected: the rejection's code, reason and rule, exactly as <see cref="Incident.Apply"/>
/// gave them; otherwise <see langword="null"/>.</param>
/// <remarks>Immutable and thread-safe. Carried by the package's one JSON serializer (see <c>docs/orleans.md</c>).</remarks>
public sealed record ApplyAnswer(ApplyOutcome Outcome, int Version, IncidentEvent? Event, Rejection? Rejection)
{
    /// <summary>Whether the command was accepted and its event is in the event store.</summary>
    public bool IsAccepted => Outcome == ApplyOutcome.Accepted;

    /// <summary>An accepted command: its event, stored as version <paramref name="version"/>.</summary>
    /// <param name="version">The incident's version after the event.</param>
    /// <param name="incidentEvent">The stored event.</param>
    /// <returns>The answer.</returns>
    public static ApplyAnswer Accepted(int version, IncidentEvent incidentEvent) => new(ApplyOutcome.Accepted, version, incidentEvent, null);

    /// <summary>A rejected command: nothing was stored.</summary>
    /// <param name="version">The incident's current version.</param>
    /// <param name="rejection">Why.</param>
    /// <returns>The answer.</returns>
    public static ApplyAnswer Rejected(int version, Rejection rejection) => new(ApplyOutcome.Rejected, version, null, rejection);

    /// <summary>A command that expected another version: nothing was stored; read the incident and try again.</summary>
    /// <param name="version">The incident's current version.</param>
    /// <returns>The answer.</returns>
    public static ApplyAnswer Conflict(int version) => new(ApplyOutcome.Conflict, version, null, null);

    /// <inheritdoc />
    public override string ToString() => Outcome switch
    {
        ApplyOutcome.Accepted => $"accepted {Event!.Type} as version {Version}",
        ApplyOutcome.Rejected => $"rejected at version {Version}: {Rejection}",
        _ => $"conflict: the incident is at version {Version}",
    };
}
