using NodaTime;
using IncidentPolicy.Escalation;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Obligations;

/// <summary>
/// The escalate obligations: each conditional rule owes one notification every time its condition starts to hold;
/// each escalation policy, when it starts to apply, owes its plan of pages, and what is still pending when its stop
/// condition holds is cancelled. The facts conditions see are tracked as events are folded, and time between events
/// is walked with <see cref="Condition.NextChange"/>, never minute by minute.
/// </summary>
internal sealed partial class ObligationEngine
{
    private readonly Dictionary<string, decimal> _impacts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    // By rule and by escalation policy index (the first RuleList/PolicyList.Length entries count; reused).
    private bool[] _ruleHolds = new bool[8];
    private bool[] _policyApplies = new bool[8];
    private bool[] _policyStopped = new bool[8];
    private readonly List<(int Level, int Round, int Target, Instant DueAt)> _planned = [];
    private IncidentFacts? _facts;
    private bool _factsStale;
    private bool _nextChangeKnown;

    /// <summary>The earliest elapsed-since threshold after the cursor when it was worked out (see
    /// <see cref="EarliestThreshold"/>), valid while <see cref="_earliestKnown"/>: the anchors have not changed since.</summary>
    private Instant? _earliest;
    private bool _earliestKnown;
    private Instant? _nextChange;

    /// <summary>For tests, on this thread: treat every event as changing every fact, so that every rule and policy is
    /// looked at after every fact-changing event and at every time point — the reference the skipping is tested against.</summary>
    [ThreadStatic]
    private static bool t_lookAtEverything;

    /// <summary>Runs <paramref name="evaluate"/> with <see cref="t_lookAtEverything"/> set (tests only).</summary>
    internal static T LookingAtEverything<T>(Func<T> evaluate)
    {
        t_lookAtEverything = true;
        try
        {
            return evaluate();
        }
        finally
        {
            t_lookAtEverything = false;
        }
    }

    /// <summary>Whether the policy has escalation rules or policies (set by <see cref="StartEscalation"/>).</summary>
    private bool HasEscalation { get; set; }

    private void StartEscalation()
    {
        HasEscalation = _texts.RuleList.Length > 0 || _texts.PolicyList.Length > 0;
        if (_ruleHolds.Length < _texts.RuleList.Length)
        {
            _ruleHolds = new bool[_texts.RuleList.Length];
        }

        if (_policyApplies.Length < _texts.PolicyList.Length)
        {
            _policyApplies = new bool[_texts.PolicyList.Length];
            _policyStopped = new bool[_texts.PolicyList.Length];
        }

        // The scratch facts belong to one scale (and keep it, and the last severity they saw, between evaluations: the
        // thread's engine holds at most the last policy's scale alive); a policy with another scale gets a fresh
        // instance. They are refreshed from the engine's fields before a condition reads them.
        if (_facts is null || !ReferenceEquals(_facts.Severities, _policy.Severities))
        {
            _facts = new IncidentFacts(_policy.Severities);
        }
    }

    private void ClearEscalation()
    {
        _impacts.Clear();
        _flags.Clear();
        _factsStale = _nextChangeKnown = _earliestKnown = false;
        _earliest = null;
        _nextChange = null;
        HasEscalation = false;
    }

    /// <summary>Keeps the facts conditions see in step with the events.</summary>
    private void TrackFacts(IncidentEvent @event)
    {
        if (!HasEscalation)
        {
            return;
        }

        var status = _fold.Status;
        FactReads changed;
        switch (@event)
        {
            case AlertFired:
                _fold.Status = IncidentStatus.Triggered;
                _fold.Cursor = @event.At;
                _fold.Escalating = true;
                Array.Clear(_ruleHolds);
                Array.Clear(_policyApplies);
                Array.Clear(_policyStopped);
                InvalidateFacts(FactReads.All);
                return;
            case Acknowledged:
                changed = _fold.AcknowledgedAt is null ? FactReads.Acknowledged : FactReads.None;
                _fold.AcknowledgedAt ??= @event.At;
                _fold.Status = _fold.Status == IncidentStatus.Triggered ? IncidentStatus.Acknowledged : _fold.Status;
                break;
            case Declared:
                changed = _fold.DeclaredAt is null ? FactReads.Declared : FactReads.None;
                _fold.DeclaredAt ??= @event.At;
                _fold.Status = IncidentStatus.Investigating;
                break;
            case StatusUpdatePosted:
                changed = FactReads.LastUpdate;
                _fold.LastUpdateAt = @event.At;
                break;
            case ImpactRecorded e:
                changed = FactReads.Impacts;
                _impacts[e.Metric] = e.Value;
                break;
            case FlagRaised e:
                changed = _flags.Add(e.Flag) ? FactReads.Flags : FactReads.None;
                break;
            case Mitigated:
                changed = FactReads.None;
                _fold.Status = IncidentStatus.Mitigated;
                break;
            case Resolved:
                changed = FactReads.Resolved;
                _fold.ResolvedAt = @event.At;
                _fold.Status = IncidentStatus.Resolved;
                break;
            case Reopened:
                changed = FactReads.Resolved;
                _fold.ResolvedAt = null;
                _fold.Status = IncidentStatus.Investigating;
                break;
            case PostMortemScheduled:
                changed = FactReads.None;
                _fold.Status = IncidentStatus.PostMortem;
                break;
            case Closed:
                changed = FactReads.None;
                _fold.Status = IncidentStatus.Closed;
                break;
            case Declined:
                changed = FactReads.None;
                _fold.Status = IncidentStatus.Declined;
                break;
            case Merged:
                changed = FactReads.None;
                _fold.Status = IncidentStatus.Merged;
                break;
            default:
                // Commander and role assignments, notes, notifications, reminders, action items, publication: nothing a
                // condition reads.
                return;
        }

        InvalidateFacts(_fold.Status != status ? changed | FactReads.Status : changed);
    }

    /// <summary>The facts changed (an event, or a severity change): the conditions that read what changed must be
    /// looked at again, and, when a timed condition reads it, when the timed conditions next change.</summary>
    private void InvalidateFacts(FactReads changed)
    {
        if (t_lookAtEverything)
        {
            changed = FactReads.All;
        }

        if ((changed & _texts.EscalationReads) == FactReads.None)
        {
            return;
        }

        _factsStale = true;
        _fold.Changed |= changed;
        if ((changed & _texts.TimedReads) != FactReads.None)
        {
            _nextChangeKnown = false;
            _earliestKnown = false;
        }
    }

    private IncidentFacts Facts()
    {
        var facts = _facts!;
        if (_factsStale)
        {
            facts.Refresh(_fold.Status, _fold.AlertAt, _fold.Severity, _fold.AcknowledgedAt, _fold.DeclaredAt, _fold.LastUpdateAt, _fold.ResolvedAt, _impacts, _flags);
            _factsStale = false;
        }

        return facts;
    }

    /// <summary>Walks time from the cursor to <paramref name="until"/> (inclusive), creating the obligations of every
    /// condition that starts to hold on the way. The cursor ends at <paramref name="until"/>, or, unless
    /// <paramref name="settle"/>, at the last instant where something changed (the state is the same until then).</summary>
    private void AdvanceTo(Instant until, bool settle = true)
    {
        if (!_fold.Escalating || !HasEscalation)
        {
            return;
        }

        for (var guard = 0; guard < 10_000; guard++)
        {
            // Nothing changes before the earliest elapsed-since threshold after the cursor: when that is past
            // `until` (between most events), the exact next change need not be worked out.
            // Unless the next change is known and ahead of the cursor (it is not after a time point, nor after an
            // event that changed what a timed condition reads):
            if (!(_nextChangeKnown && (_nextChange is null || _nextChange > _fold.Cursor)))
            {
                // Kept while the anchors are unchanged and it is still ahead of the cursor.
                if (!_earliestKnown || _earliest <= _fold.Cursor)
                {
                    _earliest = EarliestThreshold(_fold.Cursor);
                    _earliestKnown = true;
                }

                if (!(_earliest is { } earliest && earliest <= until))
                {
                    break;
                }
            }

            var next = NextEscalationChange(_fold.Cursor);
            if (next is not { } t || t > until)
            {
                break;
            }

            CheckEscalation(t, timePoint: true);
            _fold.Cursor = t;
        }

        if (settle)
        {
            _fold.Cursor = Instant.Max(_fold.Cursor, until);
        }
    }

    /// <summary>The earliest instant after <paramref name="after"/> at which a rule's condition, a policy's applicability
    /// or its stop condition changes, with the facts as they are.</summary>
    private Instant? NextEscalationChange(Instant after)
    {
        if (!_fold.Escalating || !HasEscalation)
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
            var facts = Facts();
            for (var i = 0; i < timed.Length; i++)
            {
                earliest = Earliest(earliest, timed[i].NextChange(facts, after));
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
        var changed = t_lookAtEverything ? FactReads.All : _fold.Changed;
        if (!_fold.Escalating || !HasEscalation || !(timePoint || changed != FactReads.None))
        {
            return;
        }

        _fold.Changed = FactReads.None;

        var facts = Facts();
        var open = !_fold.Resolved && !_fold.Finished;
        var rules = _texts.RuleList;
        var ruleReads = _texts.RuleReads;
        var ruleTimed = _texts.RuleTimed;
        for (var i = 0; i < rules.Length; i++)
        {
            if ((ruleReads[i] & changed) == FactReads.None && !(timePoint && ruleTimed[i]))
            {
                continue;
            }

            var rule = rules[i];
            var holds = rule.When.Holds(facts, at);
            if (holds && !_ruleHolds[i] && open)
            {
                var texts = _texts.Rules[i];
                var reason = texts.Reason ?? $"{HumanText.CamelCase(rule.Action)} {Who(rule.Target, at)}: {rule.When.Describe()}";
                Plan(ObligationKind.Escalate, rule.Id, texts.Keys, at, texts.RuleId, reason, rolling: true);
            }

            _ruleHolds[i] = holds;
        }

        var policies = _texts.PolicyList;
        for (var i = 0; i < policies.Length; i++)
        {
            var checkApplies = (_texts.PolicyAppliesReads[i] & changed) != FactReads.None || (timePoint && _texts.PolicyTimed[i]);
            var checkStop = (_texts.PolicyStopReads[i] & changed) != FactReads.None;
            if (!checkApplies && !checkStop)
            {
                continue;
            }

            var policy = policies[i];
            var applies = checkApplies ? policy.AppliesTo.Holds(facts, at) : _policyApplies[i];
            var stopped = checkStop ? policy.HasStopped(facts) : _policyStopped[i];
            if (applies && !_policyApplies[i] && open && !stopped)
            {
                PlanPolicy(i, policy, at);
            }

            if (stopped && !_policyStopped[i])
            {
                // A page due at the very instant the stop condition comes to hold is not owed: acknowledging at a
                // level's timeout is "within" it, as an acknowledgement at its due instant meets the acknowledge target.
                var slots = Writable();
                if (UseIndex())
                {
                    _openSlots.CancelPolicy(slots, i, at);
                }
                else
                {
                    WorkMeter.Add(_count);
                    for (var s = 0; s < _count; s++)
                    {
                        ref var slot = ref slots[s];
                        if (slot.EscalationPolicy == i && slot.IsOpen && slot.DueAt >= at)
                        {
                            slot.CancelledAt = at;
                        }
                    }
                }
            }

            _policyApplies[i] = applies;
            _policyStopped[i] = stopped;
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
        var facts = Facts();
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

    /// <summary>The target as a reason names it; a schedule is resolved to whoever it has on call at <paramref name="at"/>.</summary>
    private string Who(EscalationTarget target, Instant at)
    {
        if (target.Kind != EscalationTargetKind.Schedule)
        {
            return target.ToString();
        }

        return _policy.FindSchedule(target.Id)?.OnCallAtOrNobody(at) is { } assignment
            ? $"{assignment.PersonId}, on call on schedule {target.Id} ({assignment})"
            : $"schedule {target.Id}, which has nobody on call then";
    }

    private void MeetNotification(NotificationSent sent)
    {
        var slots = Writable();
        if (UseIndex())
        {
            _openSlots.Meet(slots, ObligationKind.Escalate, sent.Key, sent.At);
            return;
        }

        WorkMeter.Add(_count);
        for (var i = 0; i < _count; i++)
        {
            ref var slot = ref slots[i];
            if (slot.Kind == ObligationKind.Escalate && slot.IsOpen && string.Equals(slot.Key, sent.Key, StringComparison.Ordinal))
            {
                slot.MetAt = sent.At;
            }
        }
    }
}
