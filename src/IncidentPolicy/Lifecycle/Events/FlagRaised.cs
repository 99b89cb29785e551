using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>A flag was raised. Written <c>flagRaised</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Flag">The flag, such as dataBreachSuspected.</param>
public sealed record FlagRaised(Instant At, string By, string Flag) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.RaiseFlag;

    /// <inheritdoc/>
    public override string Type => "flagRaised";
}
