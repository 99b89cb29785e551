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
    private IncidentStatus _status;
    private Instant? _acknowledgedAt;
    private Instant? _declaredAt;
    private Instant? _lastUpdateAt;
    private Instant? _resolvedAt;
    private Dictionary<string, decimal>? _impacts;
    private HashSet<string>? _flags;
    private IncidentFacts? _facts;
    private bool[]? _ruleHolds;
    private bool[]? _policyApplies;
    private bool[]? _policyStopped;
    private Instant _cursor;
    private bool _factsChanged;
    private bool _nextChangeKnown;
    private Instant? _nextChange;

    private EscalationSettings Escalation => _policy.Escalation;

    private bool HasEscalation => Escalation.Rules.Count > 0 || Escalation.Policies.Count > 0;

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
                _ruleHolds = new bool[Escalation.Rules.Count];
                _policyApplies = new bool[Escalation.Policies.Count];
                _policyStopped = new bool[Escalation.Policies.Count];
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
                (_impacts ??= new(StringComparer.Ordinal))[e.Metric] = e.Value;
                break;
            case FlagRaised e:
                (_flags ??= new(StringComparer.Ordinal)).Add(e.Flag);
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
        _facts = null;
        _factsChanged = true;
        _nextChangeKnown = false;
    }

    private IncidentFacts Facts() => _facts ??= new IncidentFacts(
        _policy.Severities, _status, _alertAt, _severity, _acknowledgedAt, _declaredAt, _lastUpdateAt, _resolvedAt, _impacts, _flags);

    /// <summary>Walks time from the cursor to <paramref name="until"/> (inclusive), creating the obligations of every
    /// condition that starts to hold on the way.</summary>
    private void AdvanceTo(Instant until)
    {
        if (!HasEscalation || _ruleHolds is null)
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
        if (!HasEscalation || _ruleHolds is null)
        {
            return null;
        }

        // With the facts unchanged, the next change after a later instant is the same one, until it is passed.
        if (_nextChangeKnown && (_nextChange is null || _nextChange > after))
        {
            return _nextChange;
        }

        var facts = Facts();
        Instant? earliest = null;
        void Consider(Instant? candidate)
        {
            if (candidate is { } c && (earliest is null || c < earliest))
            {
                earliest = c;
            }
        }

        foreach (var rule in Escalation.Rules)
        {
            Consider(rule.When.NextChange(facts, after));
        }

        foreach (var policy in Escalation.Policies)
        {
            Consider(policy.AppliesTo.NextChange(facts, after));
        }

        _nextChange = earliest;
        _nextChangeKnown = true;
        return earliest;
    }

    /// <summary>Re-evaluates every rule and policy at <paramref name="at"/> with the current facts; after an event this
    /// is needed only when the event changed the facts.</summary>
    private void CheckEscalation(Instant at, bool timePoint = false)
    {
        if (!HasEscalation || _ruleHolds is null || _policyApplies is null || _policyStopped is null || !(timePoint || _factsChanged))
        {
            return;
        }

        _factsChanged = false;

        var facts = Facts();
        var open = !_resolved && !_finished;
        for (var i = 0; i < Escalation.Rules.Count; i++)
        {
            var rule = Escalation.Rules[i];
            var holds = rule.When.HoldsAt(facts, at);
            if (holds && !_ruleHolds[i] && open)
            {
                var reason = rule.Target.Kind == EscalationTargetKind.Schedule
                    ? $"{HumanText.CamelCase(rule.Action)} {Who(rule.Target, at)}: {rule.When.Describe()}"
                    : _texts.Escalation(rule.Id, null, 0, rule, static r => $"{HumanText.CamelCase(r.Action)} {r.Target}: {r.When.Describe()}");
                Plan(ObligationKind.Escalate, rule.Id, at, _texts.Escalation(rule.Id, "rule", 0, rule, static r => "escalation." + r.Id), reason, rolling: true);
            }

            _ruleHolds[i] = holds;
        }

        for (var i = 0; i < Escalation.Policies.Count; i++)
        {
            var policy = Escalation.Policies[i];
            var applies = policy.AppliesTo.HoldsAt(facts, at);
            var stopped = policy.HasStopped(facts);
            if (applies && !_policyApplies[i] && open && !stopped)
            {
                foreach (var step in policy.Plan(at))
                {
                    var qualifier = _texts.Escalation(policy.Id, step.Target.Id, step.LevelIndex + 1, (policy, step), static a => $"{a.policy.Id}.{a.step.LevelIndex + 1}.{a.step.Target.Id}");
                    var reason = step.Target.Kind == EscalationTargetKind.Schedule
                        ? StepReason(policy, step, Who(step.Target, step.DueAt))
                        : _texts.Escalation(policy.Id, step.Target.Id, -(step.LevelIndex + 1) - (1000 * step.Round), (policy, step), static a => StepReason(a.policy, a.step, a.step.Target.ToString()));
                    Plan(ObligationKind.Escalate, qualifier, step.DueAt, _texts.Escalation(policy.Id, "policy", 0, policy, static p => "escalation." + p.Id), reason, rolling: true);
                }
            }

            if (stopped && !_policyStopped[i])
            {
                var prefix = policy.Id + ".";
                foreach (var slot in _slots)
                {
                    if (slot.Kind == ObligationKind.Escalate && slot.Qualifier is { } q && q.StartsWith(prefix, StringComparison.Ordinal)
                        && slot.MetAt is null && slot.CancelledAt is null && slot.DueAt > at)
                    {
                        slot.CancelledAt = at;
                    }
                }
            }

            _policyApplies[i] = applies;
            _policyStopped[i] = stopped;
        }
    }

    private static string StepReason(EscalationPolicy policy, EscalationStep step, string who) =>
        $"page {who} (level {step.LevelIndex + 1}, round {step.Round + 1} of escalation policy {policy.Id}) unless {HumanText.CamelCase(policy.StopWhen)} first";

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
        foreach (var slot in _slots)
        {
            if (slot.Kind == ObligationKind.Escalate && slot.Key == sent.Key && slot.MetAt is null && slot.CancelledAt is null)
            {
                slot.MetAt = sent.At;
            }
        }
    }
}
