using NodaTime;
using IncidentPolicy.Escalation;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Obligations;

/// <summary>
/// The escalate obligations, as <see cref="ObligationFold"/> states them, with two speed-ups: after an event only the
/// rules and escalation policies whose conditions read a fact the event changed are looked at again (the others
/// cannot have changed), and when the timed conditions next change is worked out only once the earliest elapsed-since
/// threshold is reached.
/// </summary>
internal sealed partial class ObligationEngine
{
    private readonly List<(int Level, int Round, int Target, Instant DueAt)> _planned = [];

    /// <summary>The facts conditions read, as of the last <see cref="Facts"/> with nothing changed since
    /// (<see cref="_factsStale"/> otherwise).</summary>
    private FactValues _facts;
    private bool _factsStale = true;

    /// <summary>The next change of the timed conditions after the cursor when it was worked out, valid while
    /// <see cref="_nextChangeKnown"/>.</summary>
    private Instant? _nextChange;
    private bool _nextChangeKnown;

    /// <summary>The earliest elapsed-since threshold after the cursor when it was worked out (see
    /// <see cref="EarliestThreshold"/>), valid while <see cref="_earliestKnown"/>: the anchors have not changed since.</summary>
    private Instant? _earliest;
    private bool _earliestKnown;

    /// <summary>Whether the policy has escalation rules or policies (set by <see cref="StartEscalation"/>).</summary>
    private bool HasEscalation { get; set; }

    private void StartEscalation()
    {
        HasEscalation = _texts.RuleList.Length > 0 || _texts.PolicyList.Length > 0;
        _state.Fit(_texts.RuleList.Length, _texts.PolicyList.Length);
    }

    private void ClearEscalation()
    {
        ForgetDerivedFacts();
        _facts = default;
        HasEscalation = false;
    }

    /// <summary>Forgets what was derived from the facts, after they were replaced (a restore).</summary>
    private void ForgetDerivedFacts()
    {
        _factsStale = true;
        _nextChangeKnown = _earliestKnown = false;
        _nextChange = _earliest = null;
    }

    /// <summary>The alert: escalation runs from it, every rule and policy as if never looked at.</summary>
    private void StartEscalationAt(Instant at)
    {
        if (!HasEscalation)
        {
            return;
        }

        Fold.Cursor = at;
        Fold.Escalating = true;
        Array.Clear(_state.RuleHolds);
        Array.Clear(_state.PolicyApplies);
        Array.Clear(_state.PolicyStopped);
        InvalidateFacts(FactReads.All);
    }

    /// <summary>The facts changed (an event, or a severity change): the conditions that read what changed must be
    /// looked at again, and, when a timed condition reads it, when the timed conditions next change.</summary>
    private void InvalidateFacts(FactReads changed)
    {
        if ((changed & _texts.EscalationReads) == FactReads.None)
        {
            return;
        }

        _factsStale = true;
        Fold.Changed |= changed;
        if ((changed & _texts.TimedReads) != FactReads.None)
        {
            _nextChangeKnown = false;
            _earliestKnown = false;
        }
    }

    private ref readonly FactValues Facts()
    {
        if (_factsStale)
        {
            ref readonly var fold = ref Fold;
            _facts.Refresh(_policy.Severities, Incident.StatusOf(fold.Lifecycle), fold.AlertAt, fold.Severity, fold.AcknowledgedAt, fold.DeclaredAt,
                fold.LastUpdateAt, fold.ResolvedAt, _state.Impacts, _state.Flags);
            _factsStale = false;
        }

        return ref _facts;
    }

    /// <summary>Walks time from the cursor to <paramref name="until"/> (inclusive), creating the obligations of every
    /// condition that starts to hold on the way. The cursor ends at <paramref name="until"/>, or, unless
    /// <paramref name="settle"/>, at the last instant where something changed (the state is the same until then).</summary>
    private void AdvanceTo(Instant until, bool settle = true)
    {
        if (!Fold.Escalating || !HasEscalation)
        {
            return;
        }

        for (var guard = 0; guard < 10_000; guard++)
        {
            // Nothing changes before the earliest elapsed-since threshold after the cursor: when that is past
            // `until` (between most events), the exact next change need not be worked out — unless it is known and
            // ahead of the cursor (it is not after a time point, nor after an event that changed what a timed
            // condition reads).
            if (!(_nextChangeKnown && (_nextChange is null || _nextChange > Fold.Cursor)))
            {
                // Kept while the anchors are unchanged and it is still ahead of the cursor.
                if (!_earliestKnown || _earliest <= Fold.Cursor)
                {
                    _earliest = EarliestThreshold(Fold.Cursor);
                    _earliestKnown = true;
                }

                if (!(_earliest is { } earliest && earliest <= until))
                {
                    break;
                }
            }

            var next = NextEscalationChange(Fold.Cursor);
            if (next is not { } t || t > until)
            {
                break;
            }

            CheckEscalation(t, timePoint: true);
            Fold.Cursor = t;
        }

        if (settle)
        {
            Fold.Cursor = Instant.Max(Fold.Cursor, until);
        }
    }

    /// <summary>The earliest instant after <paramref name="after"/> at which a rule's condition, a policy's applicability
    /// or its stop condition changes, with the facts as they are.</summary>
    private Instant? NextEscalationChange(Instant after)
    {
        if (!Fold.Escalating || !HasEscalation)
        {
            return null;
        }

        // With the facts unchanged, the next change after a later instant is the same one, until it is passed.
        if (_nextChangeKnown && (_nextChange is null || _nextChange > after))
        {
            return _nextChange;
        }

        // Only conditions with an elapsed-since part change with time (the rest change only with the facts).
        var timed = _texts.TimedConditions;
        Instant? earliest = null;
        if (timed.Length > 0)
        {
            ref readonly var facts = ref Facts();
            for (var i = 0; i < timed.Length; i++)
            {
                earliest = Earliest(earliest, timed[i].NextChangeOf(facts, after));
            }
        }

        _nextChange = earliest;
        _nextChangeKnown = true;
        return earliest;
    }

    /// <summary>Re-evaluates, at <paramref name="at"/>, the rules and policies whose conditions read a fact that changed
    /// since the last check — at a <paramref name="timePoint"/>, those whose conditions change with time. The others
    /// keep their value: nothing they read has changed.</summary>
    private void CheckEscalation(Instant at, bool timePoint = false)
    {
        var changed = Fold.Changed;
        if (!Fold.Escalating || !HasEscalation || !(timePoint || changed != FactReads.None))
        {
            return;
        }

        Fold.Changed = FactReads.None;
        ref readonly var facts = ref Facts();
        var open = !Fold.Resolved && !Fold.Finished;
        var rules = _texts.RuleList;
        var ruleReads = _texts.RuleReads;
        var ruleTimed = _texts.RuleTimed;
        var holds = _state.RuleHolds;
        for (var i = 0; i < rules.Length; i++)
        {
            if ((ruleReads[i] & changed) == FactReads.None && !(timePoint && ruleTimed[i]))
            {
                continue;
            }

            var rule = rules[i];
            var now = rule.When.Holds(facts, at);
            if (now && !holds[i] && open)
            {
                var texts = _texts.Rules[i];
                Plan(ObligationKind.Escalate, rule.Id, texts.Keys, at, texts.RuleId, texts.Reason ?? ObligationTexts.RuleReason(rule, Who(rule.Target, at)), rolling: true);
            }

            holds[i] = now;
        }

        var policies = _texts.PolicyList;
        var applied = _state.PolicyApplies;
        var stoppedBefore = _state.PolicyStopped;
        for (var i = 0; i < policies.Length; i++)
        {
            var checkApplies = (_texts.PolicyAppliesReads[i] & changed) != FactReads.None || (timePoint && _texts.PolicyTimed[i]);
            var checkStop = (_texts.PolicyStopReads[i] & changed) != FactReads.None;
            if (!checkApplies && !checkStop)
            {
                continue;
            }

            var policy = policies[i];
            var applies = checkApplies ? policy.AppliesTo.Holds(facts, at) : applied[i];
            var stopped = checkStop ? policy.IsStopped(facts) : stoppedBefore[i];
            if (applies && !applied[i] && open && !stopped)
            {
                PlanPolicy(i, policy, at);
            }

            if (stopped && !stoppedBefore[i])
            {
                // A page due at the very instant the stop condition comes to hold is not owed: acknowledging at a
                // level's timeout is "within" it, as an acknowledgement at its due instant meets the acknowledge target.
                CancelPolicy(i, at);
            }

            applied[i] = applies;
            stoppedBefore[i] = stopped;
        }
    }

    /// <summary>Plans every page of escalation policy <paramref name="index"/> starting at <paramref name="start"/>, as
    /// <see cref="EscalationPolicy.Plan"/> lists them (into a reused list).</summary>
    private void PlanPolicy(int index, EscalationPolicy policy, Instant start)
    {
        var texts = _texts.Policies[index];
        _planned.Clear();
        policy.PlanInto(start, _planned);
        foreach (var (level, round, target, dueAt) in _planned)
        {
            var step = texts.Steps[level][target];
            var reason = step.ReasonByRound?[round] ?? ObligationTexts.StepReason(policy, level, round, Who(policy.Levels[level].Targets[target], dueAt));
            Plan(ObligationKind.Escalate, step.Qualifier, step.Keys, dueAt, texts.RuleId, reason, rolling: true, escalationPolicy: index);
        }
    }

    /// <summary>The earliest instant after <paramref name="after"/> at which an elapsed-since part of a timed condition
    /// crosses its threshold, with the anchors as they are: no timed condition changes before it.</summary>
    private Instant? EarliestThreshold(Instant after)
    {
        ref readonly var facts = ref Facts();
        Instant? earliest = null;
        foreach (var elapsed in _texts.TimedThresholds)
        {
            if (elapsed.Threshold(facts) is { } threshold && threshold > after && (earliest is null || threshold < earliest))
            {
                earliest = threshold;
            }
        }

        return earliest;
    }

    private static Instant? Earliest(Instant? earliest, Instant? candidate) =>
        candidate is { } c && (earliest is null || c < earliest) ? c : earliest;

    /// <summary>The target as a reason names it (<see cref="ObligationTexts.Who"/>).</summary>
    private string Who(EscalationTarget target, Instant at) => ObligationTexts.Who(_policy, target, at);
}
