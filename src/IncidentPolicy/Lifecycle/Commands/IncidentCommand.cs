using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// Something a person (or a host on their behalf) asks an incident to do. Pass it to
/// <c>Incident.Apply</c> with the actor and the instant; an accepted command becomes the
/// <see cref="IncidentEvent"/> of the same meaning.
/// </summary>
/// <remarks>Commands are immutable records and thread-safe. They carry no actor or time: those are given
/// to <c>Incident.Apply</c>.</remarks>
public abstract record IncidentCommand
{
    private protected IncidentCommand()
    {
    }

    /// <summary>Which command this is; the key of the policy's permission table.</summary>
    public abstract CommandKind Kind { get; }

    internal abstract IncidentEvent ToEvent(Instant at, string by);
}
