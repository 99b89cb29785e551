using NodaTime;

namespace IncidentPolicy.Severities;

/// <summary>One response target of a severity turned into an instant for a particular alert.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Kind">What must happen.</param>
/// <param name="DueAt">By when.</param>
/// <param name="Reason">Why, in plain words: "acknowledge within 5 minutes of the alert".</param>
public sealed record Deadline(ObligationKind Kind, Instant DueAt, string Reason)
{
    /// <summary>The kind as written in JSON: <c>firstExternalUpdate</c>.</summary>
    public string KindName => HumanText.CamelCase(Kind);
}
