using IncidentPolicy.Escalation;
using NodaTime;

namespace IncidentPolicy.Tests.Escalation;

/// <summary>The seed's checkout outage of 2026-05-29 as facts at a few moments of its timeline.</summary>
internal static class SeedFacts
{
    public static Instant At(int hour, int minute) => Instant.FromUtc(2026, 5, 29, hour, minute);

    public static readonly Instant Alert = At(4, 2);

    public static IncidentFacts Facts(
        IncidentStatus status = IncidentStatus.Triggered,
        string? severity = null,
        Instant? acknowledged = null,
        Instant? declared = null,
        Instant? lastUpdate = null,
        Instant? resolved = null,
        IReadOnlyDictionary<string, decimal>? impacts = null,
        IEnumerable<string>? flags = null) =>
        new(ResponsePolicy.Default.Severities, status, Alert,
            severity is null ? null : ResponsePolicy.Default.Severities.Find(severity),
            acknowledged, declared, lastUpdate, resolved, impacts, flags);

    /// <summary>As at 4:35: SEV-1, acknowledged 4:07, declared 4:12, status page 4:15, mitigated 4:22, revenueLoss recorded.</summary>
    public static IncidentFacts Mitigated => Facts(
        IncidentStatus.Mitigated, "SEV-1", At(4, 7), At(4, 12), At(4, 15),
        impacts: new Dictionary<string, decimal> { ["failedCheckouts"] = 2340, ["revenueLoss"] = 47000 });

    /// <summary>As at 4:47: resolved.</summary>
    public static IncidentFacts Resolved => Facts(
        IncidentStatus.Resolved, "SEV-1", At(4, 7), At(4, 12), At(4, 47), At(4, 47),
        impacts: new Dictionary<string, decimal> { ["failedCheckouts"] = 2340, ["revenueLoss"] = 47000 });
}
