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

        Severities = severities;
        Refresh(
            status, alertAt, severity, acknowledgedAt, declaredAt, lastUpdateAt, resolvedAt,
            impacts is null || impacts.Count == 0 ? null : impacts.ToFrozenDictionary(StringComparer.Ordinal),
            flags?.ToFrozenSet(StringComparer.Ordinal));
        if (Flags.Contains(null!))
        {
            throw new ArgumentNullException(nameof(flags), "A flag is null.");
        }
    }

    /// <summary>
    /// A blank instance for the obligations engine, which refreshes it with <see cref="Refresh"/> as it folds an
    /// incident's events instead of allocating new facts at every event. Such an instance never leaves the engine's
    /// thread: only the library's own (sealed, closed) conditions see it, and they keep no reference to it.
    /// </summary>
    internal IncidentFacts(SeverityScale severities)
    {
        Severities = severities;
        Impacts = FrozenDictionary<string, decimal>.Empty;
        Flags = FrozenSet<string>.Empty;
    }

    /// <summary>Refreshes an engine's scratch instance (see the internal constructor); the collections are the engine's
    /// own, read-only to conditions.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Impacts), nameof(Flags))]
    internal void Refresh(
        IncidentStatus status, Instant alertAt, SeverityLevel? severity, Instant? acknowledgedAt, Instant? declaredAt,
        Instant? lastUpdateAt, Instant? resolvedAt, IReadOnlyDictionary<string, decimal>? impacts, IReadOnlySet<string>? flags)
    {
        Status = status;
        AlertAt = alertAt;
        Severity = severity;
        AcknowledgedAt = acknowledgedAt;
        DeclaredAt = declaredAt;
        LastUpdateAt = lastUpdateAt;
        ResolvedAt = resolvedAt;
        Impacts = impacts ?? FrozenDictionary<string, decimal>.Empty;
        Flags = flags ?? FrozenSet<string>.Empty;
    }

    /// <summary>The policy's severity scale.</summary>
    public SeverityScale Severities { get; }

    /// <summary>The incident's status.</summary>
    public IncidentStatus Status { get; private set; }

    /// <summary>The current severity; <see langword="null"/> while the alert has none.</summary>
    public SeverityLevel? Severity { get; private set; }

    /// <summary>When the alert fired.</summary>
    public Instant AlertAt { get; private set; }

    /// <summary>When the incident was acknowledged; <see langword="null"/> when nobody has.</summary>
    public Instant? AcknowledgedAt { get; private set; }

    /// <summary>When the incident was declared; <see langword="null"/> when it has not been.</summary>
    public Instant? DeclaredAt { get; private set; }

    /// <summary>When the latest status update of any audience was posted; <see langword="null"/> when none was.</summary>
    public Instant? LastUpdateAt { get; private set; }

    /// <summary>When the incident was resolved; <see langword="null"/> while it is not resolved (a reopened
    /// incident is not resolved).</summary>
    public Instant? ResolvedAt { get; private set; }

    /// <summary>The latest value of each impact metric, keyed by metric name (ordinal).</summary>
    public IReadOnlyDictionary<string, decimal> Impacts { get; private set; }

    /// <summary>The flags raised (ordinal).</summary>
    public IReadOnlySet<string> Flags { get; private set; }

    /// <summary>The instant <paramref name="anchor"/> names, or <see langword="null"/> when it has not happened;
    /// <see cref="ElapsedAnchor.LastUpdate"/> falls back to the alert.</summary>
    /// <param name="anchor">The anchor.</param>
    /// <returns>The instant, or <see langword="null"/>.</returns>
    public Instant? InstantOf(ElapsedAnchor anchor) => anchor switch
    {
        ElapsedAnchor.Alert => AlertAt,
        ElapsedAnchor.Acknowledged => AcknowledgedAt,
        ElapsedAnchor.Declared => DeclaredAt,
        ElapsedAnchor.LastUpdate => LastUpdateAt ?? AlertAt,
        ElapsedAnchor.Resolved => ResolvedAt,
        _ => null,
    };
}
