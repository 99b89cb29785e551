using System.Collections.Frozen;
using NodaTime;
using IncidentPolicy.Severities;

namespace IncidentPolicy.Escalation;

/// <summary>
/// What escalation conditions can see of an incident at one instant: its status, severity, the instants of its
/// milestones, the latest value of each impact metric and the flags raised. The lifecycle builds it from an
/// incident; tests and hosts may build it directly.
/// </summary>
/// <remarks>
/// <para>Facts describe the incident as of the instant a condition is evaluated at: an instant that lies in the
/// future of that evaluation is taken at face value (an <see cref="ElapsedSinceCondition"/> simply has not reached
/// its threshold yet), so callers should not pass later events.</para>
/// <para>Instants are not checked against each other: a total function is kinder to hosts replaying odd logs than
/// a precondition.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class IncidentFacts
{
    /// <summary>Creates the facts.</summary>
    /// <param name="severities">The policy's severity scale; <see cref="SeverityAtLeastCondition"/> looks its
    /// threshold up here.</param>
    /// <param name="status">The incident's status.</param>
    /// <param name="alertAt">When the alert fired.</param>
    /// <param name="severity">The current severity, a level of <paramref name="severities"/>; <see langword="null"/>
    /// while the alert has none.</param>
    /// <param name="acknowledgedAt">When it was acknowledged, if it was.</param>
    /// <param name="declaredAt">When it was declared, if it was.</param>
    /// <param name="lastUpdateAt">When the latest status update (of any audience) was posted, if any was.</param>
    /// <param name="resolvedAt">When it was resolved, if it is resolved.</param>
    /// <param name="impacts">The latest recorded value of each impact metric, such as <c>revenueLoss</c> → 47000;
    /// none when <see langword="null"/>.</param>
    /// <param name="flags">The flags raised, such as <c>dataBreachSuspected</c>; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="severities"/> is null, or an impact metric or flag is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="severity"/> is not a level of <paramref name="severities"/>.</exception>
    public IncidentFacts(
        SeverityScale severities,
        IncidentStatus status,
        Instant alertAt,
        SeverityLevel? severity = null,
        Instant? acknowledgedAt = null,
        Instant? declaredAt = null,
        Instant? lastUpdateAt = null,
        Instant? resolvedAt = null,
        IReadOnlyDictionary<string, decimal>? impacts = null,
        IEnumerable<string>? flags = null)
    {
        ArgumentNullException.ThrowIfNull(severities);
        if (severity is not null && severities.Find(severity.Id)?.Rank != severity.Rank)
        {
            throw new ArgumentException($"Severity '{severity.Id}' is not a level of the scale {severities}.", nameof(severity));
        }

        var frozenImpacts = impacts is null || impacts.Count == 0 ? FrozenDictionary<string, decimal>.Empty : impacts.ToFrozenDictionary(StringComparer.Ordinal);
        var frozenFlags = flags?.ToFrozenSet(StringComparer.Ordinal) ?? FrozenSet<string>.Empty;
        if (frozenFlags.Contains(null!))
        {
            throw new ArgumentNullException(nameof(flags), "A flag is null.");
        }

        Values = new FactValues(severities, status, alertAt, severity, acknowledgedAt, declaredAt, lastUpdateAt, resolvedAt, frozenImpacts, frozenFlags);
    }

    /// <summary>The values conditions read, passed to them by reference (the obligations engine keeps its own, which it
    /// replaces as it folds).</summary>
    internal readonly FactValues Values;

    /// <summary>The policy's severity scale.</summary>
    public SeverityScale Severities => Values.Severities;

    /// <summary>The incident's status.</summary>
    public IncidentStatus Status => Values.Status;

    /// <summary>The current severity; <see langword="null"/> while the alert has none.</summary>
    public SeverityLevel? Severity => Values.Severity;

    /// <summary>When the alert fired.</summary>
    public Instant AlertAt => Values.AlertAt;

    /// <summary>When the incident was acknowledged; <see langword="null"/> when nobody has.</summary>
    public Instant? AcknowledgedAt => Values.AcknowledgedAt;

    /// <summary>When the incident was declared; <see langword="null"/> when it has not been.</summary>
    public Instant? DeclaredAt => Values.DeclaredAt;

    /// <summary>When the latest status update of any audience was posted; <see langword="null"/> when none was.</summary>
    public Instant? LastUpdateAt => Values.LastUpdateAt;

    /// <summary>When the incident was resolved; <see langword="null"/> while it is not resolved (a reopened
    /// incident is not resolved).</summary>
    public Instant? ResolvedAt => Values.ResolvedAt;

    /// <summary>The latest value of each impact metric, keyed by metric name (ordinal).</summary>
    public IReadOnlyDictionary<string, decimal> Impacts => Values.Impacts;

    /// <summary>The flags raised (ordinal).</summary>
    public IReadOnlySet<string> Flags => Values.Flags;

    /// <summary>The instant <paramref name="anchor"/> names, or <see langword="null"/> when it has not happened;
    /// <see cref="ElapsedAnchor.LastUpdate"/> falls back to the alert.</summary>
    /// <param name="anchor">The anchor.</param>
    /// <returns>The instant, or <see langword="null"/>.</returns>
    public Instant? InstantOf(ElapsedAnchor anchor) => Values.InstantOf(anchor);
}

/// <summary>
/// The facts as conditions read them: plain values. <see cref="IncidentFacts"/> holds one and never changes it; the
/// obligations engine holds its own and refreshes it in place (<see cref="Refresh"/>) when an event changes a fact, so
/// evaluating conditions while folding allocates nothing and copies no whole struct (a struct this size holding
/// references is copied through the garbage collector's bulk write barrier, which dominated the cost of metrics over
/// many incidents). Passed by reference (<see langword="in"/>) to the conditions; every reading member is
/// <see langword="readonly"/>, so that makes no defensive copy.
/// </summary>
internal struct FactValues(
    SeverityScale severities,
    IncidentStatus status,
    Instant alertAt,
    SeverityLevel? severity,
    Instant? acknowledgedAt,
    Instant? declaredAt,
    Instant? lastUpdateAt,
    Instant? resolvedAt,
    IReadOnlyDictionary<string, decimal> impacts,
    IReadOnlySet<string> flags)
{
    public SeverityScale Severities { get; private set; } = severities;

    public IncidentStatus Status { get; private set; } = status;

    public Instant AlertAt { get; private set; } = alertAt;

    public SeverityLevel? Severity { get; private set; } = severity;

    public Instant? AcknowledgedAt { get; private set; } = acknowledgedAt;

    public Instant? DeclaredAt { get; private set; } = declaredAt;

    public Instant? LastUpdateAt { get; private set; } = lastUpdateAt;

    public Instant? ResolvedAt { get; private set; } = resolvedAt;

    public IReadOnlyDictionary<string, decimal> Impacts { get; private set; } = impacts;

    public IReadOnlySet<string> Flags { get; private set; } = flags;

    /// <summary>Sets every fact, field by field (the engine's own copy only).</summary>
    public void Refresh(
        SeverityScale severities,
        IncidentStatus status,
        Instant alertAt,
        SeverityLevel? severity,
        Instant? acknowledgedAt,
        Instant? declaredAt,
        Instant? lastUpdateAt,
        Instant? resolvedAt,
        IReadOnlyDictionary<string, decimal> impacts,
        IReadOnlySet<string> flags)
    {
        Severities = severities;
        Status = status;
        AlertAt = alertAt;
        Severity = severity;
        AcknowledgedAt = acknowledgedAt;
        DeclaredAt = declaredAt;
        LastUpdateAt = lastUpdateAt;
        ResolvedAt = resolvedAt;
        Impacts = impacts;
        Flags = flags;
    }

    /// <summary>See <see cref="IncidentFacts.InstantOf"/>.</summary>
    public readonly Instant? InstantOf(ElapsedAnchor anchor) => anchor switch
    {
        ElapsedAnchor.Alert => AlertAt,
        ElapsedAnchor.Acknowledged => AcknowledgedAt,
        ElapsedAnchor.Declared => DeclaredAt,
        ElapsedAnchor.LastUpdate => LastUpdateAt ?? AlertAt,
        ElapsedAnchor.Resolved => ResolvedAt,
        _ => null,
    };
}
