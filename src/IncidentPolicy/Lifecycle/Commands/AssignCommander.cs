using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Assign the Incident Commander; when one is assigned already this is a hand-off (Rule 2: one commander, not a committee).</summary>
/// <param name="Person">The person id of the new commander.</param>
public sealed record AssignCommander(string Person) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.AssignCommander;

    internal override IncidentEvent ToEvent(Instant at, string by) => new CommanderAssigned(at, by, Person);
}
