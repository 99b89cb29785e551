using NodaTime;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Severities;

namespace IncidentPolicy.Obligations;

/// <summary>
/// Folds an incident's events (those at or before the evaluation instant) into the obligations the policy sets,
/// then states each at that instant. See DESIGN.md "Obligations" for what meets what, cadences, cancellation and
/// severity changes.
/// </summary>
internal sealed partial class ObligationEngine
{
    private readonly ResponsePolicy _policy;
    private readonly List<Slot> _slots = new(16);
    private readonly List<(ObligationKind Kind, string? Qualifier, int Count)> _instances = new(12);
    private readonly List<(string Role, Instant At)> _engagedRoles = new(4);
    private readonly ObligationTexts _texts;

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

    private ObligationEngine(ResponsePolicy policy)
    {
        _policy = policy;
        _texts = policy.ObligationTexts;
    }

    public static Evaluation Evaluate(ResponsePolicy policy, Incident incident, Instant now)
    {
        var engine = new ObligationEngine(policy);
        foreach (var @event in incident.EventList)
        {
            if (@event.At > now)
            {
                break;
            }

            engine.AdvanceTo(@event.At);
            engine.TrackFacts(@event);
            engine.Apply(@event);
            engine.CheckEscalation(@event.At);
        }

        engine.AdvanceTo(now);
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
                        _texts.Get(ObligationTexts.UnassessedAcknowledge, mostSevere));
                }

                break;
            case Acknowledged:
                _acknowledged = true;
                Meet(ObligationKind.Acknowledge, null, at);
                Engage(LifecycleRules.OnCallRole, at);
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
                Engage(e.Role, at);
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
            case NotificationSent e:
                MeetNotification(e);
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
        if (_ruleHolds is not null)
        {
            InvalidateFacts();
        }

        if (_resolved || _finished)
        {
            return;
        }

        if (previous is null)
        {
            CancelOpen(at, includeOverdue: false, kinds: AcknowledgeKind);
            PlanTargets(level, _alertAt, null, showEngaged: true);
            return;
        }

        CancelOpen(at, includeOverdue: false, kinds: SeverityKinds);
        PlanTargets(level, at, $"the severity change from {previous.Id} to {level.Id} at {HumanText.Format(at)}");
    }

    /// <summary>Plans the targets of <paramref name="level"/> not yet met, due from <paramref name="at"/>; <paramref name="from"/>
    /// is <see langword="null"/> for the alert (whose texts are cached per policy) or says what else they run from.</summary>
    private void PlanTargets(SeverityLevel level, Instant at, string? from, bool showEngaged = false)
    {
        var calendar = _policy.Calendar;
        string Text(int template, string? role = null) =>
            from is null ? _texts.Get(template, level, role) : ObligationTexts.Build(template, level, role, from);

        if (!_acknowledged)
        {
            Plan(ObligationKind.Acknowledge, null, level.Acknowledge.DueAfter(at, calendar), _texts.Rule(level, ObligationKind.Acknowledge), Text(ObligationTexts.Acknowledge));
        }

        if (level.DeclareWithin is { } declare && !_declared)
        {
            Plan(ObligationKind.Declare, null, at + declare, _texts.Rule(level, ObligationKind.Declare), Text(ObligationTexts.Declare));
        }

        if (level.AssignCommanderWithin is { } commander && !_hasCommander)
        {
            Plan(ObligationKind.AssignCommander, null, at + commander, _texts.Rule(level, ObligationKind.AssignCommander), Text(ObligationTexts.AssignCommander));
        }

        var roles = level.RolesInvolved;
        for (var i = 0; i < roles.Count; i++)
        {
            var role = roles[i];
            var engaged = EngagedAt(role);
            if (engaged is null || showEngaged)
            {
                var slot = Plan(ObligationKind.Respond, role, level.Respond.DueAfter(at, calendar), _texts.Rule(level, ObligationKind.Respond), Text(ObligationTexts.Respond, role));
                slot.MetAt = engaged;
            }
        }

        var updates = level.StatusUpdates;
        if (updates.Audience != UpdateAudience.External)
        {
            return;
        }

        if (_lastExternalUpdate is not { } last)
        {
            Plan(ObligationKind.FirstExternalUpdate, null, at + updates.FirstWithin!.Value, _texts.Rule(level, ObligationKind.FirstExternalUpdate), Text(ObligationTexts.FirstExternalUpdate));
        }
        else if (updates.Every is { } every)
        {
            _nextExternal = PlanExternalUpdate(Instant.Max(last, at) + every, level);
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
            _nextExternal = PlanExternalUpdate(at + every, level);
        }
    }

    private Slot PlanExternalUpdate(Instant dueAt, SeverityLevel level) =>
        Plan(ObligationKind.ExternalUpdate, null, dueAt, _texts.Rule(level, ObligationKind.ExternalUpdate), _texts.Get(ObligationTexts.ExternalUpdate, level), rolling: true);

    private void PlanInternalUpdate(Instant from) =>
        _nextInternal = Plan(ObligationKind.InternalUpdate, null, from + _policy.Lifecycle.MaxSilence, "communication.maxSilence",
            _texts.Get(ObligationTexts.InternalUpdate, null), rolling: true);

    private void Resolve(Instant at)
    {
        _resolved = true;
        CancelOpen(at, includeOverdue: false, kinds: OpenIncidentKinds);
        _nextExternal = null;
        _nextInternal = null;
        if (_severity?.PostMortem is { } rule)
        {
            Plan(ObligationKind.SchedulePostMortem, null, at + rule.ScheduleWithin, _texts.Rule(_severity, ObligationKind.SchedulePostMortem),
                _texts.Get(ObligationTexts.SchedulePostMortem, _severity));
        }
    }

    private void Reopen(Instant at)
    {
        _resolved = false;
        CancelOpen(at, includeOverdue: false, kinds: PostMortemKind);
        if (_severity is { } level)
        {
            PlanTargets(level, at, $"the reopening at {HumanText.Format(at)}");
        }

        if (_declared)
        {
            PlanInternalUpdate(at);
        }
    }

    private static readonly ObligationKind[] AcknowledgeKind = [ObligationKind.Acknowledge];
    private static readonly ObligationKind[] PostMortemKind = [ObligationKind.SchedulePostMortem];
    private static readonly ObligationKind[] SeverityKinds =
    [
        ObligationKind.Acknowledge, ObligationKind.Declare, ObligationKind.AssignCommander, ObligationKind.Respond,
        ObligationKind.FirstExternalUpdate, ObligationKind.ExternalUpdate,
    ];

    private static readonly ObligationKind[] OpenIncidentKinds =
    [
        ObligationKind.Acknowledge, ObligationKind.Declare, ObligationKind.AssignCommander, ObligationKind.Respond,
        ObligationKind.FirstExternalUpdate, ObligationKind.ExternalUpdate, ObligationKind.InternalUpdate, ObligationKind.Escalate,
    ];

    private void CancelOpen(Instant at, bool includeOverdue, ObligationKind[]? kinds)
    {
        foreach (var slot in _slots)
        {
            if (slot.MetAt is null && slot.CancelledAt is null && (kinds is null || Array.IndexOf(kinds, slot.Kind) >= 0) && (includeOverdue || slot.DueAt > at))
            {
                slot.CancelledAt = at;
            }
        }
    }

    private Slot Plan(ObligationKind kind, string? qualifier, Instant dueAt, string ruleId, string reason, bool rolling = false)
    {
        var n = 1;
        for (var i = 0; i < _instances.Count; i++)
        {
            if (_instances[i].Kind == kind && _instances[i].Qualifier == qualifier)
            {
                n = _instances[i].Count + 1;
                _instances[i] = (kind, qualifier, n);
                break;
            }
        }

        if (n == 1)
        {
            _instances.Add((kind, qualifier, 1));
        }

        var slot = new Slot(_texts.Key(kind, qualifier, rolling || n > 1 ? n : 0), kind, qualifier, dueAt, ruleId, reason);
        _slots.Add(slot);
        return slot;
    }

    private void Engage(string role, Instant at)
    {
        if (EngagedAt(role) is null)
        {
            _engagedRoles.Add((role, at));
        }
    }

    private Instant? EngagedAt(string role)
    {
        foreach (var (engaged, at) in _engagedRoles)
        {
            if (engaged == role)
            {
                return at;
            }
        }

        return null;
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
        var grace = _policy.Escalation.DispatchGrace;
        foreach (var slot in _slots)
        {
            // A page or notification counts as on time when the host records it within the dispatch grace.
            var deadline = slot.Kind == ObligationKind.Escalate ? slot.DueAt + grace : slot.DueAt;
            ObligationState state;
            Duration? lateBy = null;
            if (slot.MetAt is { } met)
            {
                state = met <= deadline ? ObligationState.Met : ObligationState.MetLate;
                lateBy = state == ObligationState.MetLate ? met - slot.DueAt : null;
            }
            else if (slot.CancelledAt is not null)
            {
                state = ObligationState.Cancelled;
            }
            else if (now >= deadline)
            {
                state = ObligationState.Overdue;
                lateBy = now - slot.DueAt;
            }
            else
            {
                state = ObligationState.Pending;
                var wake = slot.DueAt > now ? slot.DueAt : deadline;
                wakeUp = wakeUp is { } w && w <= wake ? w : wake;
            }

            obligations.Add(new Obligation(slot.Key, slot.Kind, slot.DueAt, state, slot.MetAt, lateBy, slot.CancelledAt, slot.RuleId, slot.Reason));
        }

        if (!_resolved && !_finished && NextEscalationChange(now) is { } change && (wakeUp is null || change < wakeUp))
        {
            wakeUp = change;
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
    }
}
