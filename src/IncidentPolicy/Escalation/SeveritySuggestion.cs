using IncidentPolicy.Severities;

namespace IncidentPolicy.Escalation;

/// <summary>What the <see cref="SeverityMatrix"/> suggests for an incident's impact figures and flags, and why.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Severity">The most severe level any rule matched; <see langword="null"/> when no rule matched — the
/// on-call engineer then assesses the severity by hand.</param>
/// <param name="Rules">The matching rules that suggest <paramref name="Severity"/>, in matrix order; empty when none matched.</param>
/// <param name="Reason">In words: <c>SEV-1 because flag checkoutDown is raised (rule checkout-down)</c>, or
/// <c>no severity rule matches …</c>.</param>
public sealed record SeveritySuggestion(SeverityLevel? Severity, IReadOnlyList<SeverityRule> Rules, string Reason);
