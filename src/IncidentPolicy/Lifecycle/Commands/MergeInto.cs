using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Merge the incident into another one; everything not yet met is cancelled.</summary>
/// <param name="IncidentId">The id of the incident it is merged into.</param>
public sealed record MergeInto(string IncidentId) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.MergeInto;

    internal override IncidentEvent ToEvent(Instant at, string by) => new Merged(at, by, IncidentId);
}
