using IncidentPolicy.Escalation;

namespace IncidentPolicy.Obligations;

/// <summary>
/// The facts of <see cref="IncidentFacts"/> a condition reads, as bits: the obligations engine re-evaluates a rule or
/// escalation policy after an event only when the event changed something it reads, and recomputes when a timed
/// condition next changes only when the event changed something a timed condition reads.
/// </summary>
[Flags]
internal enum FactReads
{
    None = 0,
    Status = 1,
    Severity = 2,
    Alert = 4,
    Acknowledged = 8,
    Declared = 16,
    LastUpdate = 32,
    Resolved = 64,
    Impacts = 128,
    Flags = 256,
    All = Status | Severity | Alert | Acknowledged | Declared | LastUpdate | Resolved | Impacts | Flags,
}

internal static class FactReadsOf
{
    /// <summary>What <paramref name="condition"/> reads: the union over its leaves (a leaf of a kind not listed here
    /// reads everything, so a new kind of condition is never skipped by mistake). A condition that reads nothing (an
    /// empty <c>all</c>) is constant from the alert on, so it is said to read the alert: it is looked at then.</summary>
    public static FactReads Condition(Condition condition)
    {
        var reads = FactReads.None;
        condition.Walk("", (_, leaf) => reads |= leaf switch
        {
            ElapsedSinceCondition elapsed => Anchor(elapsed.Since),
            StatusInCondition => FactReads.Status,
            SeverityAtLeastCondition => FactReads.Severity,
            ImpactAboveCondition or ImpactBelowCondition => FactReads.Impacts,
            FlagRaisedCondition => FactReads.Flags,
            _ => FactReads.All,
        });
        return reads == FactReads.None ? FactReads.Alert : reads;
    }

    /// <summary>What <see cref="EscalationPolicy.HasStopped"/> reads for <paramref name="stop"/>.</summary>
    public static FactReads Stop(EscalationStop stop) =>
        stop == EscalationStop.Acknowledged ? FactReads.Acknowledged | FactReads.Status : FactReads.Status;

    private static FactReads Anchor(ElapsedAnchor anchor) => anchor switch
    {
        ElapsedAnchor.Alert => FactReads.Alert,
        ElapsedAnchor.Acknowledged => FactReads.Acknowledged,
        ElapsedAnchor.Declared => FactReads.Declared,
        ElapsedAnchor.LastUpdate => FactReads.LastUpdate | FactReads.Alert,
        ElapsedAnchor.Resolved => FactReads.Resolved,
        _ => FactReads.All,
    };
}
