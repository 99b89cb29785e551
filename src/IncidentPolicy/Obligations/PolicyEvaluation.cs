using IncidentPolicy.Lifecycle;
using NodaTime;

namespace IncidentPolicy.Obligations;

/// <summary>
/// What a policy owes an incident: <see cref="Evaluate"/> (every obligation and the next wake-up) and
/// <see cref="Audit"/> (a lenient replay of real history with its obligations and response times). Extension methods
/// of <see cref="ResponsePolicy"/>, because the policy sits on a lower floor than the obligations it implies
/// (<c>docs/architecture.md</c>): with <c>using IncidentPolicy.Obligations;</c> the call reads
/// <c>policy.Evaluate(incident, now)</c>.
/// </summary>
public static class PolicyEvaluation
{
    /// <summary>
    /// What this policy says about <paramref name="incident"/> at <paramref name="now"/>: every obligation — its stable
    /// key, kind, due instant, state (pending, overdue, met, met late, cancelled), when it was met and how late, the
    /// rule and a plain reason — and <see cref="Evaluation.NextWakeUp"/>. Only events at or before
    /// <paramref name="now"/> count, so evaluating history at an earlier instant is an audit of that moment.
    /// </summary>
    /// <remarks>
    /// <para>Pure, deterministic and thread-safe. The incident may have been opened under another policy; its
    /// <c>PolicyHash</c> tells.</para>
    /// <para>Performance: the first evaluation of an incident version at or after its last event folds every event
    /// and keeps the result beside the (immutable) incident for this policy — the obligations in order, the open ones'
    /// deadlines and the fold's state, a few kilobytes for a typical incident, held weakly and released with it. Until the next
    /// instant at which an escalation condition changes with time, evaluating it again (at each wake-up, on each
    /// dashboard refresh) copies the kept obligations and replaces those now overdue; past that instant it walks
    /// time from the kept fold and keeps one standing there. A new version (after <c>Apply</c>) folds afresh; an
    /// evaluation before the last event (an audit of the past), or before the kept fold's instant, folds the events up
    /// to that instant and keeps nothing. Each thread reuses one working engine, and folding allocates nothing, so an
    /// evaluation allocates only its result. Numbers are in <c>benchmarks/README.md</c>.</para>
    /// </remarks>
    /// <param name="policy">The policy.</param>
    /// <param name="incident">The incident.</param>
    /// <param name="now">The evaluation instant; within the supported range (<see cref="Limits"/>).</param>
    /// <returns>The evaluation. Obligations that would fall due after <see cref="Limits.LatestResult"/> are never owed and
    /// are left out, as is a wake-up after it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is outside the supported range.</exception>
    public static Evaluation Evaluate(this ResponsePolicy policy, Incident incident, Instant now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(incident);
        TimeMath.CheckInput(now, nameof(now));
        return ObligationEngine.Evaluate(policy, incident, now);
    }

    /// <summary>
    /// Audits real history: replays <paramref name="events"/> leniently (recording every broken lifecycle rule instead
    /// of stopping), evaluates the obligations at <paramref name="at"/> (the last event when <see langword="null"/>), and
    /// measures time to acknowledge, declare, first status-page update, mitigate and resolve.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="incidentId">The incident's id.</param>
    /// <param name="events">The event log, oldest first.</param>
    /// <param name="at">The audit instant, within the supported range (<see cref="Limits"/>); by default the last
    /// event's (which, for a log built in code, may lie outside it: an event there is a violation of
    /// <see cref="RuleIds.Storable"/>, and the audit still answers).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is outside the supported range.</exception>
    public static AuditReport Audit(this ResponsePolicy policy, string incidentId, IEnumerable<IncidentEvent> events, Instant? at = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(incidentId);
        ArgumentNullException.ThrowIfNull(events);
        if (at is { } given)
        {
            TimeMath.CheckInput(given, nameof(at));
        }

        var replay = Incident.ReplayLenient(policy, incidentId, events);
        var incident = replay.Incident;
        var when = at ?? incident.LastEventAt;
        var evaluation = ObligationEngine.Evaluate(policy, incident, when);
        var metrics = AuditMetrics.Measure(incident, when);
        var violations = replay.Violations.Where(v => incident.Events[v.EventIndex].At <= when).ToList();
        return new AuditReport(incident, evaluation, violations.AsReadOnly(), metrics);
    }
}
