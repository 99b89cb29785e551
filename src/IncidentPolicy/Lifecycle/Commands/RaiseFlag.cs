using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Raise a flag such as dataBreachSuspected or restricted; some flags restrict who may view the incident.</summary>
/// <param name="Flag">The flag, such as dataBreachSuspected.</param>
public sealed record RaiseFlag(string Flag) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.RaiseFlag;

    internal override IncidentEvent ToEvent(Instant at, string by) => new FlagRaised(at, by, Flag);
}
