using System.Diagnostics.CodeAnalysis;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// The answer to a command: accepted (with the new incident and its event), rejected (with the reason), or a
/// version conflict. Never an exception for a forbidden command.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ApplyResult
{
    private ApplyResult(ApplyOutcome outcome, Incident? incident, IncidentEvent? @event, Rejection? rejection, int? expectedVersion)
    {
        Outcome = outcome;
        Incident = incident;
        Event = @event;
        Rejection = rejection;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>Accepted, rejected or conflict.</summary>
    public ApplyOutcome Outcome { get; }

    /// <summary>Whether the command was accepted; then <see cref="Event"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Event), nameof(Incident))]
    public bool IsAccepted => Outcome == ApplyOutcome.Accepted;

    /// <summary>The new incident when accepted; otherwise the incident unchanged — or <see langword="null"/> when
    /// <see cref="Incident.Raise"/> rejected the alert, so there is no incident.</summary>
    public Incident? Incident { get; }

    /// <summary>The event to append to the log, when accepted.</summary>
    public IncidentEvent? Event { get; }

    /// <summary>Why the command was rejected, when it was.</summary>
    public Rejection? Rejection { get; }

    /// <summary>For a conflict, the version the caller expected; the incident's actual version is <c>Incident.Version</c>.</summary>
    /// <remarks>The incident is never <see langword="null"/> for a conflict.</remarks>
    public int? ExpectedVersion { get; }

    /// <summary>Describes the outcome: <c>accepted resolved</c>, <c>rejected commander.required: …</c>, <c>conflict: expected 3, is 4</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Outcome switch
    {
        ApplyOutcome.Accepted => $"accepted {Event!.Type}",
        ApplyOutcome.Rejected => $"rejected {Rejection}",
        _ => $"conflict: expected version {ExpectedVersion}, the incident is at {Incident!.Version}",
    };

    internal static ApplyResult Accepted(Incident incident, IncidentEvent @event) => new(ApplyOutcome.Accepted, incident, @event, null, null);

    internal static ApplyResult Rejected(Incident incident, Rejection rejection) =>
        new(ApplyOutcome.Rejected, incident.Version == 0 ? null : incident, null, rejection, null);

    internal static ApplyResult Conflict(Incident incident, int expectedVersion) => new(ApplyOutcome.Conflict, incident, null, null, expectedVersion);
}
