using NodaTime;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Severities;

namespace IncidentPolicy.Obligations;

/// <summary>
/// Folds an incident's events (those at or before the evaluation instant) into the obligations the policy sets,
/// then states each at that instant. See DESIGN.md "Obligations" for what meets what, cadences, cancellation and
/// severity changes.
/// </summary>
internal sealed class ObligationEngine
{
    private readonly ResponsePolicy _policy;
    private readonly List<Slot> _slots = [];
    private readonly Dictionary<string, int> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Instant> _engagedRoles = new(StringComparer.Ordinal);

    private SeverityLevel? _severity;
    private Instant _alertAt;
    private bool _acknowledged;
    private bool _declared;
    private bool _hasCommander;
    private bool _resolved;
    private bool _finished;
    private Instant? _lastExternalUpdate;
    private Slot? _nextExternal;
    private Slot? _nextInternal;

    private ObligationEngine(ResponsePolicy policy) => _policy = policy;

    public static Evaluation Evaluate(ResponsePolicy policy, Incident incident, Instant now)
    {
        var engine = new ObligationEngine(policy);
        foreach (var @event in incident.Events)
        {
            if (@event.At > now)
            {
                break;
            }

            engine.Apply(@event);
        }

        return engine.State(incident, now);
    }

    private void Apply(IncidentEvent @event)
    {
        var at = @event.At;
        switch (@event)
        {
            case AlertFired e:
                _alertAt = at;
                if (_policy.Severities.Find(e.Severity ?? "") is { } level)
                {
                    ChangeSeverity(level, at);
                }
                else
                {
                    var mostSevere = _policy.Severities.MostSevere;
                    Plan(ObligationKind.Acknowledge, null, mostSevere.Acknowledge.DueAfter(at, _policy.Calendar), "unassessed.acknowledge",
                        $"acknowledge within {mostSevere.Acknowledge} of the alert (no severity yet: the most severe level's target)");
                }

                break;
            case Acknowledged:
                _acknowledged = true;
                Meet(ObligationKind.Acknowledge, null, at);
                _engagedRoles.TryAdd(LifecycleRules.OnCallRole, at);
                Meet(ObligationKind.Respond, LifecycleRules.OnCallRole, at);
                break;
            case Declared e:
                if (_policy.Severities.Find(e.Severity) is { } declared && declared != _severity)
                {
                    ChangeSeverity(declared, at);
                }

                _declared = true;
                Meet(ObligationKind.Declare, null, at);

                if (!_resolved && _nextInternal is null)
                {
                    PlanInternalUpdate(at);
                }

                break;
            case CommanderAssigned:
                _hasCommander = true;
                Meet(ObligationKind.AssignCommander, null, at);
                break;
            case RoleAssigned e:
                _engagedRoles.TryAdd(e.Role, at);
                Meet(ObligationKind.Respond, e.Role, at);
                break;
            case SeverityChanged e when _policy.Severities.Find(e.Severity) is { } changed && changed != _severity:
                ChangeSeverity(changed, at);
                break;
            case StatusUpdatePosted e:
                OnStatusUpdate(e.Audience, at);
                break;
            case Resolved:
                Resolve(at);
                break;
            case Reopened:
                Reopen(at);
                break;
            case PostMortemScheduled:
                Meet(ObligationKind.SchedulePostMortem, null, at);
                break;
            case ActionItemAdded e:
                var due = _policy.Calendar.Zone.AtStartOfDay(e.Due.PlusDays(1)).ToInstant();
                Plan(ObligationKind.ActionItem, e.Id, due, "actionItems.dueDate",
                    $"action item {e.Id} ({e.Owner}): {e.Action}; due by the end of {e.Due:uuuu'-'MM'-'dd} in {_policy.Calendar.Zone.Id}");
                break;
            case ActionItemCompleted e:
                Meet(ObligationKind.ActionItem, e.Id, at);
                break;
            case ActionItemStatusChanged { Status: ActionItemStatus.Done or ActionItemStatus.WontDo } e:
                Meet(ObligationKind.ActionItem, e.Id, at);
                break;
            case Declined or Merged:
                CancelOpen(at, includeOverdue: true, kinds: null);
                _finished = true;
                break;
        }
    }

    /// <summary>
    /// The first severity (at the alert, or the first declared or severityChanged) plans its targets from the alert, as
    /// the table measures them ("declare 5 min after alert"), so a late declaration is met late. A change from one
    /// severity to another cancels what is pending and plans the new targets afresh from the change.
    /// </summary>
    private void ChangeSeverity(SeverityLevel level, Instant at)
    {
        var previous = _severity;
        _severity = level;
        if (_resolved || _finished)
        {
            return;
        }

        if (previous is null)
        {
            CancelOpen(at, includeOverdue: false, kinds: [ObligationKind.Acknowledge]);
            PlanTargets(level, _alertAt, "the alert", showEngaged: true);
            return;
        }

        CancelOpen(at, includeOverdue: false, kinds: OpenIncidentKinds.Except([ObligationKind.InternalUpdate, ObligationKind.Escalate]).ToArray());
        PlanTargets(level, at, $"the severity change from {previous.Id} to {level.Id} at {HumanText.Format(at)}");
    }

    private void PlanTargets(SeverityLevel level, Instant at, string from, bool showEngaged = false)
    {
        var calendar = _policy.Calendar;
        var id = level.Id;
        if (!_acknowledged)
        {
            Plan(ObligationKind.Acknowledge, null, level.Acknowledge.DueAfter(at, calendar), $"{id}.acknowledge",
                $"acknowledge within {level.Acknowledge} of {from} ({id})");
        }

        if (level.DeclareWithin is { } declare && !_declared)
        {
            Plan(ObligationKind.Declare, null, at + declare, $"{id}.declare", $"declare within {HumanText.Describe(declare)} of {from} ({id})");
        }

        if (level.AssignCommanderWithin is { } commander && !_hasCommander)
        {
            Plan(ObligationKind.AssignCommander, null, at + commander, $"{id}.assignCommander",
                $"assign an Incident Commander within {HumanText.Describe(commander)} of {from} ({id}: one person in charge)");
        }

        foreach (var role in level.RolesInvolved)
        {
            var engaged = _engagedRoles.TryGetValue(role, out var engagedAt);
            if (!engaged || showEngaged)
            {
                var slot = Plan(ObligationKind.Respond, role, level.Respond.DueAfter(at, calendar), $"{id}.respond",
                    $"{role} engaged within {level.Respond} of {from} ({id})");
                slot.MetAt = engaged ? engagedAt : null;
            }
        }

        var updates = level.StatusUpdates;
        if (updates.Audience != UpdateAudience.External)
        {
            return;
        }

        if (_lastExternalUpdate is not { } last)
        {
            Plan(ObligationKind.FirstExternalUpdate, null, at + updates.FirstWithin!.Value, $"{id}.firstExternalUpdate",
                $"first status-page update within {HumanText.Describe(updates.FirstWithin.Value)} of {from} ({id})");
        }
        else if (updates.Every is { } every)
        {
            _nextExternal = PlanExternalUpdate(Instant.Max(last, at), every, id, Instant.Max(last, at) == at ? from : "the last status-page update");
        }
    }

    private void OnStatusUpdate(StatusAudience audience, Instant at)
    {
        MeetSlot(_nextInternal, at);
        _nextInternal = null;
        if (_declared && !_resolved && !_finished)
        {
            PlanInternalUpdate(at);
        }

        if (audience != StatusAudience.External)
        {
            return;
        }

        _lastExternalUpdate = at;
        Meet(ObligationKind.FirstExternalUpdate, null, at);
        MeetSlot(_nextExternal, at);
        _nextExternal = null;
        if (!_resolved && !_finished && _severity is { StatusUpdates: { Audience: UpdateAudience.External, Every: { } every } } level)
        {
            _nextExternal = PlanExternalUpdate(at, every, level.Id, "the last status-page update");
        }
    }

    private Slot PlanExternalUpdate(Instant from, Duration every, string severityId, string what) =>
        Plan(ObligationKind.ExternalUpdate, null, from + every, $"{severityId}.externalUpdate",
            $"status-page update every {HumanText.Describe(every)} (Rule 3): due {HumanText.Describe(every)} after {what} ({severityId})",
            rolling: true);

    private void PlanInternalUpdate(Instant from)
    {
        var silence = _policy.Lifecycle.MaxSilence;
        _nextInternal = Plan(ObligationKind.InternalUpdate, null, from + silence, "communication.maxSilence",
            $"a status update of any audience at most {HumanText.Describe(silence)} after the last one (or the declaration): silence is worse than \"still investigating\"",
            rolling: true);
    }

    private void Resolve(Instant at)
    {
        _resolved = true;
        CancelOpen(at, includeOverdue: false, kinds: OpenIncidentKinds);
        _nextExternal = null;
        _nextInternal = null;
        if (_severity?.PostMortem is { } rule)
        {
            Plan(ObligationKind.SchedulePostMortem, null, at + rule.ScheduleWithin, $"{_severity.Id}.postMortem",
                $"schedule the post-mortem within {HumanText.Describe(rule.ScheduleWithin)} of resolution ({_severity.Id})");
        }
    }

    private void Reopen(Instant at)
    {
        _resolved = false;
        CancelOpen(at, includeOverdue: false, kinds: [ObligationKind.SchedulePostMortem]);
        if (_severity is { } level)
        {
            PlanTargets(level, at, $"the reopening at {HumanText.Format(at)}");
        }

        if (_declared)
        {
            PlanInternalUpdate(at);
        }
    }

    private static readonly ObligationKind[] OpenIncidentKinds =
    [
        ObligationKind.Acknowledge, ObligationKind.Declare, ObligationKind.AssignCommander, ObligationKind.Respond,
        ObligationKind.FirstExternalUpdate, ObligationKind.ExternalUpdate, ObligationKind.InternalUpdate, ObligationKind.Escalate,
    ];

    private void CancelOpen(Instant at, bool includeOverdue, ObligationKind[]? kinds)
    {
        foreach (var slot in _slots)
        {
            if (slot.MetAt is null && slot.CancelledAt is null && (kinds is null || kinds.Contains(slot.Kind)) && (includeOverdue || slot.DueAt > at))
            {
                slot.CancelledAt = at;
                slot.CancelReason = $"cancelled at {HumanText.Format(at)}";
            }
        }
    }

    private Slot Plan(ObligationKind kind, string? qualifier, Instant dueAt, string ruleId, string reason, bool rolling = false)
    {
        var name = HumanText.CamelCase(kind) + (qualifier is null ? "" : ":" + qualifier);
        var n = _instances[name] = _instances.GetValueOrDefault(name) + 1;
        var key = rolling || n > 1 ? $"{name}#{n}" : name;
        var slot = new Slot(key, kind, qualifier, dueAt, ruleId, reason);
        _slots.Add(slot);
        return slot;
    }

    private void Meet(ObligationKind kind, string? qualifier, Instant at)
    {
        foreach (var slot in _slots)
        {
            if (slot.Kind == kind && slot.Qualifier == qualifier && slot.MetAt is null && slot.CancelledAt is null)
            {
                slot.MetAt = at;
            }
        }
    }

    private static void MeetSlot(Slot? slot, Instant at)
    {
        if (slot is { MetAt: null, CancelledAt: null })
        {
            slot.MetAt = at;
        }
    }

    private Evaluation State(Incident incident, Instant now)
    {
        var obligations = new List<Obligation>(_slots.Count);
        Instant? wakeUp = null;
        foreach (var slot in _slots)
        {
            ObligationState state;
            Duration? lateBy = null;
            if (slot.MetAt is { } met)
            {
                state = met <= slot.DueAt ? ObligationState.Met : ObligationState.MetLate;
                lateBy = state == ObligationState.MetLate ? met - slot.DueAt : null;
            }
            else if (slot.CancelledAt is not null)
            {
                state = ObligationState.Cancelled;
            }
            else if (now >= slot.DueAt)
            {
                state = ObligationState.Overdue;
                lateBy = now - slot.DueAt;
            }
            else
            {
                state = ObligationState.Pending;
                wakeUp = wakeUp is { } w && w <= slot.DueAt ? w : slot.DueAt;
            }

            var reason = slot.Reason + state switch
            {
                ObligationState.Met or ObligationState.MetLate => $"; met at {HumanText.Format(slot.MetAt!.Value)}",
                ObligationState.Cancelled => "; " + slot.CancelReason,
                _ => "",
            };
            obligations.Add(new Obligation(slot.Key, slot.Kind, slot.DueAt, state, slot.MetAt, lateBy, slot.CancelledAt, slot.RuleId, reason));
        }

        obligations.Sort(static (a, b) =>
        {
            var byDue = a.DueAt.CompareTo(b.DueAt);
            return byDue != 0 ? byDue : string.CompareOrdinal(a.Key, b.Key);
        });
        return new Evaluation(incident, now, obligations.AsReadOnly(), wakeUp);
    }

    private sealed class Slot(string key, ObligationKind kind, string? qualifier, Instant dueAt, string ruleId, string reason)
    {
        public string Key { get; } = key;

        public ObligationKind Kind { get; } = kind;

        public string? Qualifier { get; } = qualifier;

        public Instant DueAt { get; } = dueAt;

        public string RuleId { get; } = ruleId;

        public string Reason { get; } = reason;

        public Instant? MetAt { get; set; }

        public Instant? CancelledAt { get; set; }

        public string? CancelReason { get; set; }
    }
}
