using NodaTime;

namespace IncidentPolicy.Lifecycle;

/// <summary>Declare the incident with a severity and a title; moves it to investigating.</summary>
/// <param name="Severity">A severity id of the policy, such as SEV-1.</param>
/// <param name="Title">A short title, used for the incident channel name.</param>
public sealed record Declare(string Severity, string Title) : IncidentCommand
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Declare;

    internal override IncidentEvent ToEvent(Instant at, string by) => new Declared(at, by, Severity, Title);
}
