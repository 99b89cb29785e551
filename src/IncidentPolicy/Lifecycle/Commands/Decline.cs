using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Decline the alert as a false alarm; everything not yet met is cancelled.</summary>
/// <param name="Reason">Why, or null.</param>
public sealed record Decline(string? Reason = null) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Decline;

    internal override IncidentEvent ToEvent(Instant at, string by) => new Declined(at, by, Reason);
}
