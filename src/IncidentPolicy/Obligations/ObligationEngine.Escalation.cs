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
    private readonly List<bool> _ruleHolds = [];
    private readonly List<bool> _policyApplies = [];
    private readonly List<bool> _policyStopped = [];
    private readonly List<(int Level, int Round, int Target, Instant DueAt)> _planned = [];
    private IncidentFacts? _facts;
    private IncidentStatus _status;
    private Instant? _acknowledgedAt;
    private Instant? _declaredAt;
    private Instant? _lastUpdateAt;
    private Instant? _resolvedAt;
    private bool _escalating;
    private bool _factsStale;
    private Instant _cursor;
    private bool _factsChanged;
    private bool _nextChangeKnown;
    private Instant? _nextChange;

    private EscalationSettings Escalation => _policy.Escalation;

    /// <summary>Whether the policy has escalation rules or policies (set by <see cref="StartEscalation"/>).</summary>
    private bool HasEscalation { get; set; }

    private void StartEscalation()
    {
        HasEscalation = Escalation.Rules.Count > 0 || Escalation.Policies.Count > 0;
        // The scratch facts belong to one scale; a policy with another scale gets a fresh instance.
        if (_facts is null || !ReferenceEquals(_facts.Severities, _policy.Severities))
        {
            _facts = new IncidentFacts(_policy.Severities);
        }
    }

    private void ClearEscalation()
    {
        _impacts.Clear();
        _flags.Clear();
        _ruleHolds.Clear();
        _policyApplies.Clear();
        _policyStopped.Clear();
        _status = default;
        _acknowledgedAt = _declaredAt = _lastUpdateAt = _resolvedAt = null;
        _escalating = _factsStale = _factsChanged = _nextChangeKnown = false;
        _cursor = default;
        _nextChange = null;
        HasEscalation = false;

        // Keep the scratch facts (they hold the scale only after a refresh with nothing): drop the severity.
        _facts?.Refresh(default, default, null, null, null, null, null, null, null);
    }

    /// <summary>Keeps the facts conditions see in step with the events.</summary>
    private void TrackFacts(IncidentEvent @event)
    {
        if (!HasEscalation)
        {
            return;
        }

        switch (@event)
        {
            case CommanderAssigned or RoleAssigned or NoteAdded or NotificationSent or ReminderSent
                or ActionItemAdded or ActionItemCompleted or ActionItemStatusChanged or PostMortemPublished:
                return;
            case AlertFired:
                _status = IncidentStatus.Triggered;
                _cursor = @event.At;
                _escalating = true;
                _ruleHolds.Clear();
                _policyApplies.Clear();
                _policyStopped.Clear();
                for (var i = 0; i < Escalation.Rules.Count; i++)
                {
                    _ruleHolds.Add(false);
                }

                for (var i = 0; i < Escalation.Policies.Count; i++)
                {
                    _policyApplies.Add(false);
                    _policyStopped.Add(false);
                }

                break;
            case Acknowledged:
                _acknowledgedAt ??= @event.At;
                _status = _status == IncidentStatus.Triggered ? IncidentStatus.Acknowledged : _status;
                break;
            case Declared:
                _declaredAt ??= @event.At;
                _status = IncidentStatus.Investigating;
                break;
            case StatusUpdatePosted:
                _lastUpdateAt = @event.At;
                break;
            case ImpactRecorded e:
                _impacts[e.Metric] = e.Value;
                break;
            case FlagRaised e:
                _flags.Add(e.Flag);
                break;
            case Mitigated:
                _status = IncidentStatus.Mitigated;
                break;
            case Resolved:
                _resolvedAt = @event.At;
                _status = IncidentStatus.Resolved;
                break;
            case Reopened:
                _resolvedAt = null;
                _status = IncidentStatus.Investigating;
                break;
            case PostMortemScheduled:
                _status = IncidentStatus.PostMortem;
                break;
            case Closed:
                _status = IncidentStatus.Closed;
                break;
            case Declined:
                _status = IncidentStatus.Declined;
                break;
            case Merged:
                _status = IncidentStatus.Merged;
                break;
        }

        InvalidateFacts();
    }

    /// <summary>The facts changed (an event, or a severity change): conditions must be looked at again.</summary>
    private void InvalidateFacts()
    {
        _factsStale = true;
        _factsChanged = true;
        _nextChangeKnown = false;
    }

    private IncidentFacts Facts()
    {
        var facts = _facts!;
        if (_factsStale)
        {
            facts.Refresh(_status, _alertAt, _severity, _acknowledgedAt, _declaredAt, _lastUpdateAt, _resolvedAt, _impacts, _flags);
            _factsStale = false;
        }

        return facts;
    }

    /// <summary>Walks time from the cursor to <paramref name="until"/> (inclusive), creating the obligations of every
    /// condition that starts to hold on the way.</summary>
    private void AdvanceTo(Instant until)
    {
        if (!_escalating || !HasEscalation)
        {
            return;
        }

        for (var guard = 0; guard < 10_000; guard++)
        {
            var next = NextEscalationChange(_cursor);
            if (next is not { } t || t > until)
            {
                break;
            }

            CheckEscalation(t, timePoint: true);
            _cursor = t;
        }

        _cursor = Instant.Max(_cursor, until);
    }

    /// <summary>The earliest instant after <paramref name="after"/> at which a rule's condition, a policy's applicability
    /// or its stop condition changes, with the facts as they are.</summary>
    private Instant? NextEscalationChange(Instant after)
    {
        if (!_escalating || !HasEscalation)
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

    /// <summary>Re-evaluates every rule and policy at <paramref name="at"/> with the current facts; after an event this
    /// is needed only when the event changed the facts.</summary>
    private void CheckEscalation(Instant at, bool timePoint = false)
    {
        if (!_escalating || !HasEscalation || !(timePoint || _factsChanged))
        {
            return;
        }

        _factsChanged = false;

        var facts = Facts();
        var open = !_resolved && !_finished;
        var rules = Escalation.Rules;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var holds = rule.When.HoldsAt(facts, at);
            if (holds && !_ruleHolds[i] && open)
            {
                var texts = _texts.Rules[i];
                var reason = texts.Reason ?? $"{HumanText.CamelCase(rule.Action)} {Who(rule.Target, at)}: {rule.When.Describe()}";
                Plan(ObligationKind.Escalate, rule.Id, texts.Keys, at, texts.RuleId, reason, rolling: true);
            }

            _ruleHolds[i] = holds;
        }

        var policies = Escalation.Policies;
        for (var i = 0; i < policies.Count; i++)
        {
            var policy = policies[i];
            var applies = policy.AppliesTo.HoldsAt(facts, at);
            var stopped = policy.HasStopped(facts);
            if (applies && !_policyApplies[i] && open && !stopped)
            {
                PlanPolicy(i, policy, at);
            }

            if (stopped && !_policyStopped[i])
            {
                // A page due at the very instant the stop condition comes to hold is not owed: acknowledging at a
                // level's timeout is "within" it, as an acknowledgement at its due instant meets the acknowledge target.
                var slots = Writable();
                for (var s = 0; s < _count; s++)
                {
                    ref var slot = ref slots[s];
                    if (slot.EscalationPolicy == i && slot.IsOpen && slot.DueAt >= at)
                    {
                        slot.CancelledAt = at;
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

    private static Instant? Earliest(Instant? earliest, Instant? candidate) =>
        candidate is { } c && (earliest is null || c < earliest) ? c : earliest;

    /// <summary>The target as a reason names it; a schedule is resolved to whoever it has on call at <paramref name="at"/>.</summary>
    private string Who(EscalationTarget target, Instant at)
    {
        if (target.Kind != EscalationTargetKind.Schedule)
        {
            return target.ToString();
        }

        return _policy.FindSchedule(target.Id)?.OnCallAt(at) is { } assignment
            ? $"{assignment.PersonId}, on call on schedule {target.Id} ({assignment})"
            : $"schedule {target.Id}, which has nobody on call then";
    }

    private void MeetNotification(NotificationSent sent)
    {
        var slots = Writable();
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
