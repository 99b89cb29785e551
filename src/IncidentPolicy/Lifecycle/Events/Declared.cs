using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>The incident was declared. Written <c>declared</c> in the event log.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">The id of the actor who did it.</param>
/// <param name="Severity">A severity id of the policy, such as SEV-1.</param>
/// <param name="Title">A short title, used for the incident channel name.</param>
public sealed record Declared(Instant At, string By, string Severity, string Title) : IncidentEvent(At, By)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Declare;

    /// <inheritdoc/>
    public override string Type => "declared";
}
