namespace IncidentPolicy.Lifecycle;

/// <summary>The result of a lenient replay: the incident as the log tells it, and every rule the log broke.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Incident">The incident after every event.</param>
/// <param name="Violations">The rules broken, in log order; empty when the history is clean.</param>
public sealed record ReplayResult(Incident Incident, IReadOnlyList<Violation> Violations);
