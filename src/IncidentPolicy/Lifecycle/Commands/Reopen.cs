using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Reopen a resolved incident within the policy's reopen window.</summary>
/// <param name="Reason">Why, or null.</param>
public sealed record Reopen(string? Reason = null) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Reopen;

    internal override IncidentEvent ToEvent(Instant at, string by) => new Reopened(at, by, Reason);
}
