using NodaTime;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Obligations;

/// <summary>
/// The fold's obligations: planned with a key numbered per kind and qualifier, met or cancelled while open, and stated
/// at the evaluation instant in due order.
/// </summary>
internal sealed partial class ObligationFold
{
    /// <summary>An obligation while the events are folded.</summary>
    private sealed class Owed(string key, ObligationKind kind, string? qualifier, Instant dueAt, string ruleId, string reason)
    {
        public string Key { get; } = key;

        public ObligationKind Kind { get; } = kind;

        /// <summary>The role, action item, rule or page step it is for; <see langword="null"/> for the rest.</summary>
        public string? Qualifier { get; } = qualifier;

        public Instant DueAt { get; } = dueAt;

        public string RuleId { get; } = ruleId;

        public string Reason { get; } = reason;

        /// <summary>The escalation policy (by index) whose plan it is part of; −1 for anything else.</summary>
        public int EscalationPolicy { get; set; } = -1;

        public Instant? MetAt { get; set; }

        public Instant? CancelledAt { get; set; }

        public bool IsOpen => MetAt is null && CancelledAt is null;
    }

    /// <summary>Owes something by <paramref name="dueAt"/>. Its key is <c>kind[:qualifier]</c>, numbered <c>#n</c> when
    /// <paramref name="rolling"/> (status updates, escalations) or when the same key was planned before. Nothing is owed
    /// that could never fall due: <see langword="null"/> when <paramref name="dueAt"/> is never or after
    /// <see cref="Limits.LatestResult"/>.</summary>
    private Owed? Plan(ObligationKind kind, string? qualifier, Instant? dueAt, string ruleId, string reason, bool rolling = false)
    {
        if (TimeMath.Result(dueAt) is not { } due)
        {
            return null;
        }

        var name = ObligationTexts.Key(kind, qualifier, 0);
        var n = _planned.GetValueOrDefault(name) + 1;
        _planned[name] = n;
        var owed = new Owed(ObligationTexts.Key(kind, qualifier, rolling || n > 1 ? n : 0), kind, qualifier, due, ruleId, reason);
        _owed.Add(owed);
        return owed;
    }

    /// <summary>Meets, at <paramref name="at"/>, every open obligation of <paramref name="kind"/> for
    /// <paramref name="qualifier"/>.</summary>
    private void Meet(ObligationKind kind, string? qualifier, Instant at)
    {
        WorkMeter.Add(_owed.Count);
        foreach (var owed in _owed)
        {
            if (owed.Kind == kind && owed.IsOpen && owed.Qualifier == qualifier)
            {
                owed.MetAt = at;
            }
        }
    }

    private static void MeetIfOpen(Owed? owed, Instant at)
    {
        if (owed is { IsOpen: true })
        {
            owed.MetAt = at;
        }
    }

    /// <summary>Cancels, at <paramref name="at"/>, every open obligation of the kinds <paramref name="of"/> names that
    /// is due after <paramref name="at"/> — or whenever due, when <paramref name="includeOverdue"/>.</summary>
    private void Cancel(Instant at, bool includeOverdue, Func<ObligationKind, bool> of)
    {
        WorkMeter.Add(_owed.Count);
        foreach (var owed in _owed)
        {
            if (owed.IsOpen && of(owed.Kind) && (includeOverdue || owed.DueAt > at))
            {
                owed.CancelledAt = at;
            }
        }
    }

    private void Engage(string role, Instant at)
    {
        if (EngagedAt(role) is null)
        {
            _engaged.Add((role, at));
        }
    }

    private Instant? EngagedAt(string role)
    {
        foreach (var (engaged, at) in _engaged)
        {
            if (engaged == role)
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>Every obligation's state at <paramref name="now"/>, by due instant, then key, then planning order, and
    /// when to look again: the next instant a pending obligation falls due (a page or notification: when its dispatch
    /// grace ends) or, while the incident is open, an escalation condition changes.</summary>
    private Evaluation StateAt(Incident incident, Instant now)
    {
        var grace = _policy.Escalation.DispatchGrace;
        var obligations = new List<Obligation>(_owed.Count);
        Instant? wakeUp = null;
        foreach (var owed in _owed.OrderBy(o => o.DueAt).ThenBy(o => o.Key, StringComparer.Ordinal))
        {
            // A page or notification counts as on time when recorded within the dispatch grace.
            var deadline = owed.Kind == ObligationKind.Escalate ? owed.DueAt + grace : owed.DueAt;
            var (state, lateBy) = owed switch
            {
                { MetAt: { } met } when met <= deadline => (ObligationState.Met, (Duration?)null),
                { MetAt: { } met } => (ObligationState.MetLate, met - owed.DueAt),
                { CancelledAt: not null } => (ObligationState.Cancelled, null),
                _ when now >= deadline => (ObligationState.Overdue, now - owed.DueAt),
                _ => (ObligationState.Pending, null),
            };
            if (state == ObligationState.Pending)
            {
                var wake = owed.DueAt > now ? owed.DueAt : deadline;
                wakeUp = wakeUp is { } w && w <= wake ? w : wake;
            }

            obligations.Add(new Obligation(owed.Key, owed.Kind, owed.DueAt, state, owed.MetAt, lateBy, owed.CancelledAt, owed.RuleId, owed.Reason));
        }

        if (!_resolved && !_finished && NextEscalationChange(now) is { } change && (wakeUp is null || change < wakeUp))
        {
            wakeUp = change;
        }

        return new Evaluation(incident, now, obligations.AsReadOnly(), wakeUp);
    }
}
