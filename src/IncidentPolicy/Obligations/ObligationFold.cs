using NodaTime;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Severities;

namespace IncidentPolicy.Obligations;

/// <summary>
/// The obligation rules, as one plain fold over an incident's events: what each event plans, meets and cancels
/// (<see cref="Apply"/>), how a severity's targets are planned (<see cref="PlanTargets"/>), the rolling status updates,
/// resolution and reopening, and — in ObligationFold.Escalation.cs — the escalation rules and policies, with time
/// walked between events from one condition change to the next. Read it next to docs/obligations-table.md, which lists
/// every obligation kind with what creates it, what meets it, its cadence and what cancels it.
/// </summary>
/// <remarks>
/// Nothing here is for speed: obligations are plain objects in a list, meeting and cancelling look at every one, every
/// escalation rule is looked at after every event, texts are formatted afresh, nothing is kept. The incident's status
/// comes from its lifecycle (<see cref="Incident.StateAfter"/>). <see cref="ObligationEngine"/> is the fast path that
/// gives the same answers; the property tests hold it to this fold.
/// </remarks>
internal sealed partial class ObligationFold
{
    private readonly ResponsePolicy _policy;

    /// <summary>Every obligation planned, in planning order.</summary>
    private readonly List<Owed> _owed = [];

    /// <summary>How many obligations of each key (before numbering) were planned: <c>externalUpdate</c> → 3.</summary>
    private readonly Dictionary<string, int> _planned = new(StringComparer.Ordinal);

    /// <summary>The roles engaged, with when each first was.</summary>
    private readonly List<(string Role, Instant At)> _engaged = [];

    private LifecycleState _lifecycle = LifecycleState.Start;
    private SeverityLevel? _severity;
    private Instant _alertAt;
    private bool _acknowledged;
    private bool _declared;
    private bool _hasCommander;
    private bool _resolved;
    private bool _finished;
    private Instant? _lastExternalUpdate;

    /// <summary>Who holds which role so far, for the respond obligations events other than an assignment meet.</summary>
    private RoleResponses.Holders _holders = RoleResponses.Holders.None;
    private readonly bool _needHolders;

    /// <summary>The pending rolling external and internal (maxSilence) updates.</summary>
    private Owed? _nextExternal;
    private Owed? _nextInternal;

    private ObligationFold(ResponsePolicy policy)
    {
        _policy = policy;
        _needHolders = RoleResponses.NeedHolders(policy);
        _ruleHolds = new bool[policy.Escalation.Rules.Count];
        _policyApplies = new bool[policy.Escalation.Policies.Count];
        _policyStopped = new bool[policy.Escalation.Policies.Count];
    }

    /// <summary>What <paramref name="policy"/> says about <paramref name="incident"/> at <paramref name="now"/>, from
    /// its events at or before <paramref name="now"/>.</summary>
    public static Evaluation Evaluate(ResponsePolicy policy, Incident incident, Instant now)
    {
        var fold = new ObligationFold(policy);
        foreach (var @event in incident.Events)
        {
            if (@event.At > now)
            {
                break;
            }

            fold.WalkTo(@event.At);
            fold.Apply(@event);
            fold.CheckEscalation(@event.At);
        }

        fold.WalkTo(now);
        return fold.StateAt(incident, now);
    }

    /// <summary>What one event changes. Every event moves the lifecycle as <see cref="LifecycleTable"/> says.</summary>
    private void Apply(IncidentEvent @event)
    {
        var at = @event.At;
        _lifecycle = Incident.StateAfter(_lifecycle, @event);
        switch (@event)
        {
            case AlertFired e:
                // Escalation runs from the alert. A severity on the alert plans its targets; without one, only an
                // acknowledgement is owed, within the most severe level's target.
                StartEscalation(at);
                _alertAt = at;
                if (_policy.Severities.Find(e.Severity ?? "") is { } level)
                {
                    ChangeSeverity(level, at);
                }
                else
                {
                    var mostSevere = _policy.Severities.MostSevere;
                    Plan(ObligationKind.Acknowledge, null, Due(mostSevere.AcknowledgementTarget, at), ObligationTexts.UnassessedAcknowledgeRule,
                        ObligationTexts.Build(ObligationTexts.UnassessedAcknowledge, mostSevere, null, null));
                }

                break;
            case Acknowledged:
                // Meets acknowledge; by default it also engages the on-call role (MeetResponses, below).
                _acknowledgedAt ??= at;
                _acknowledged = true;
                Meet(ObligationKind.Acknowledge, null, at);
                break;
            case Declared e:
                // Meets declare; a severity other than the current one is a severity change; from the declaration on,
                // the commander owes an update of any audience within maxSilence.
                _declaredAt ??= at;
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
            case SeverityChanged e when _policy.Severities.Find(e.Severity) is { } newLevel && newLevel != _severity:
                ChangeSeverity(newLevel, at);
                break;
            case StatusUpdatePosted e:
                _lastUpdateAt = at;
                OnStatusUpdate(e.Audience, at);
                break;
            case ImpactRecorded e when e.Metric is not null:
                _impacts[e.Metric] = e.Value;
                break;
            case FlagRaised e:
                _flags.Add(e.Flag);
                break;
            case Resolved:
                _resolvedAt = at;
                Resolve(at);
                break;
            case Reopened:
                _resolvedAt = null;
                Reopen(at);
                break;
            case PostMortemScheduled:
                Meet(ObligationKind.SchedulePostMortem, null, at);
                break;
            case ActionItemAdded e:
                // Due by the end of its due date in the policy's zone.
                Instant? due = Limits.Contains(e.Due) ? _policy.Calendar.Zone.AtStartOfDay(e.Due.PlusDays(1)).ToInstant() : null;
                Plan(ObligationKind.ActionItem, e.Id, due, ObligationTexts.ActionItemRule, ObligationTexts.ActionItemReason(e, _policy.Calendar.Zone));
                break;
            case ActionItemCompleted e:
                Meet(ObligationKind.ActionItem, e.Id, at);
                break;
            case ActionItemStatusChanged { Status: ActionItemStatus.Done or ActionItemStatus.WontDo } e:
                Meet(ObligationKind.ActionItem, e.Id, at);
                break;
            case NotificationSent e:
                // Meets the page or notification whose key it records.
                foreach (var owed in _owed)
                {
                    if (owed.Kind == ObligationKind.Escalate && owed.IsOpen && owed.Key == e.Key)
                    {
                        owed.MetAt = at;
                    }
                }

                break;
            case Declined or Merged:
                // Nothing more is owed: everything still open is cancelled, overdue or not.
                Cancel(at, includeOverdue: true, _ => true);
                _finished = true;
                break;
        }

        if (_needHolders)
        {
            _holders = _holders.After(@event);
        }

        MeetResponses(@event);
    }

    /// <summary>Engages every role the event shows responding (<see cref="RoleResponses.Meets"/>: by default a
    /// <c>roleAssigned</c> of the role, and an acknowledgement for the on-call role), meeting its respond obligation.</summary>
    private void MeetResponses(IncidentEvent @event)
    {
        foreach (var role in _policy.Roles)
        {
            if (RoleResponses.Lists(role, @event) && (EngagedAt(role.Id) is not null || RoleResponses.Meets(_policy, role, @event, _holders)))
            {
                Engage(role.Id, @event.At);
                Meet(ObligationKind.Respond, role.Id, @event.At);
            }
        }
    }

    /// <summary>
    /// The first severity (at the alert, or the first declared or severityChanged) plans its targets from the alert, as
    /// the table measures them ("declare 5 min after alert"), so a late declaration is met late; it replaces the
    /// unassessed acknowledgement if that is still pending. A change from one severity to another cancels what of the
    /// old targets is still pending and plans the new targets afresh from the change. Neither happens once resolved.
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
            Cancel(at, includeOverdue: false, kind => kind == ObligationKind.Acknowledge);
            PlanTargets(level, _alertAt, null, showEngaged: true);
            return;
        }

        Cancel(at, includeOverdue: false, kind => kind is ObligationKind.Acknowledge or ObligationKind.Declare or ObligationKind.AssignCommander
            or ObligationKind.Respond or ObligationKind.FirstExternalUpdate or ObligationKind.ExternalUpdate);
        PlanTargets(level, at, ObligationTexts.SeverityChange(previous, level, at));
    }

    /// <summary>Plans the targets of <paramref name="level"/> that are not met yet, due from <paramref name="at"/>;
    /// <paramref name="from"/> says what they run from (<see langword="null"/>: the alert). At the first severity, a role
    /// already engaged still gets its respond obligation, met when it was engaged.</summary>
    private void PlanTargets(SeverityLevel level, Instant at, string? from, bool showEngaged = false)
    {
        string Reason(int template, string? role = null) => ObligationTexts.Build(template, level, role, from, _policy);

        if (!_acknowledged)
        {
            Plan(ObligationKind.Acknowledge, null, Due(level.AcknowledgementTarget, at), ObligationTexts.Rule(level, ObligationKind.Acknowledge), Reason(ObligationTexts.Acknowledge));
        }

        if (level.DeclarationTimeLimit is { } declare && !_declared)
        {
            Plan(ObligationKind.Declare, null, TimeMath.Plus(at, declare), ObligationTexts.Rule(level, ObligationKind.Declare), Reason(ObligationTexts.Declare));
        }

        if (level.CommanderAssignmentTimeLimit is { } commander && !_hasCommander)
        {
            Plan(ObligationKind.AssignCommander, null, TimeMath.Plus(at, commander), ObligationTexts.Rule(level, ObligationKind.AssignCommander),
                Reason(ObligationTexts.AssignCommander));
        }

        foreach (var role in level.RolesInvolved)
        {
            var engaged = EngagedAt(role);
            if (engaged is null || showEngaged)
            {
                var owed = Plan(ObligationKind.Respond, role, Due(level.ResponseTarget, at), ObligationTexts.Rule(level, ObligationKind.Respond),
                    Reason(ObligationTexts.Respond, role));
                owed?.MetAt = engaged;
            }
        }

        var updates = level.StatusUpdates;
        if (updates.Audience != UpdateAudience.External)
        {
            return;
        }

        // The first status-page update, or, once there was one, the next one a cadence after it (or after now).
        if (_lastExternalUpdate is not { } last)
        {
            Plan(ObligationKind.FirstExternalUpdate, null, TimeMath.Plus(at, updates.FirstWithin!.Value), ObligationTexts.Rule(level, ObligationKind.FirstExternalUpdate),
                Reason(ObligationTexts.FirstExternalUpdate));
        }
        else if (updates.Every is { } every)
        {
            _nextExternal = PlanExternalUpdate(TimeMath.Plus(Instant.Max(last, at), every), level);
        }
    }

    /// <summary>A status update of any audience meets the pending maxSilence update and, while declared and open,
    /// owes the next one; an external one also meets the first or pending status-page update and owes the next one a
    /// cadence later.</summary>
    private void OnStatusUpdate(StatusAudience audience, Instant at)
    {
        MeetIfOpen(_nextInternal, at);
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
        MeetIfOpen(_nextExternal, at);
        _nextExternal = null;
        if (!_resolved && !_finished && _severity is { StatusUpdates: { Audience: UpdateAudience.External, Every: { } every } } level)
        {
            _nextExternal = PlanExternalUpdate(TimeMath.Plus(at, every), level);
        }
    }

    private Owed? PlanExternalUpdate(Instant? dueAt, SeverityLevel level) =>
        Plan(ObligationKind.ExternalUpdate, null, dueAt, ObligationTexts.Rule(level, ObligationKind.ExternalUpdate),
            ObligationTexts.Build(ObligationTexts.ExternalUpdate, level, null, null), rolling: true);

    private void PlanInternalUpdate(Instant from) =>
        _nextInternal = Plan(ObligationKind.InternalUpdate, null, TimeMath.Plus(from, _policy.Lifecycle.MaxSilence), ObligationTexts.MaxSilenceRule,
            ObligationTexts.Build(ObligationTexts.InternalUpdate, null, null, null, _policy), rolling: true);

    /// <summary>Resolving cancels what an open incident owes and is not yet due (what is overdue stays overdue), stops
    /// the rolling updates and owes the post-mortem's scheduling when the severity asks for one.</summary>
    private void Resolve(Instant at)
    {
        _resolved = true;
        Cancel(at, includeOverdue: false, kind => kind is not (ObligationKind.SchedulePostMortem or ObligationKind.ActionItem));
        _nextExternal = null;
        _nextInternal = null;
        if (_severity is { PostMortem: { } rule } level)
        {
            Plan(ObligationKind.SchedulePostMortem, null, TimeMath.Plus(at, rule.SchedulingTimeLimit), ObligationTexts.Rule(level, ObligationKind.SchedulePostMortem),
                ObligationTexts.Build(ObligationTexts.SchedulePostMortem, level, null, null, _policy));
        }
    }

    /// <summary>Reopening cancels the pending post-mortem scheduling and plans the severity's unmet targets afresh from
    /// the reopening (and, when declared, the next maxSilence update).</summary>
    private void Reopen(Instant at)
    {
        _resolved = false;
        Cancel(at, includeOverdue: false, kind => kind == ObligationKind.SchedulePostMortem);
        if (_severity is { } level)
        {
            PlanTargets(level, at, ObligationTexts.Reopening(at));
        }

        if (_declared)
        {
            PlanInternalUpdate(at);
        }
    }

    /// <summary>When <paramref name="target"/> falls due for something that started at <paramref name="at"/>; never
    /// when <paramref name="at"/> is outside the supported range.</summary>
    private Instant? Due(ResponseTarget target, Instant at) => Limits.Contains(at) ? target.DueFrom(at, _policy.Calendar) : null;
}
