using NodaTime;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;

namespace IncidentPolicy;

public sealed partial class ResponsePolicy
{
    private ObligationTexts? _obligationTexts;

    /// <summary>Obligation keys, rule ids and reasons, cached for this policy (reset by every <c>With…</c> copy).</summary>
    internal ObligationTexts ObligationTexts
    {
        get
        {
            if (_obligationTexts is { } texts)
            {
                return texts;
            }

            Interlocked.CompareExchange(ref _obligationTexts, new ObligationTexts(this), null);
            return _obligationTexts;
        }
    }

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
    /// <param name="incident">The incident.</param>
    /// <param name="now">The evaluation instant; within the supported range (<see cref="Limits"/>).</param>
    /// <returns>The evaluation. Obligations that would fall due after <see cref="Limits.LatestResult"/> are never owed and
    /// are left out, as is a wake-up after it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is outside the supported range.</exception>
    public Evaluation Evaluate(Incident incident, Instant now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        TimeMath.CheckInput(now, nameof(now));
        return ObligationEngine.Evaluate(this, incident, now);
    }
}
