using NodaTime;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Severities;

namespace IncidentPolicy.Obligations;

/// <summary>
/// The rules as the engine applies them to its slots: the same rules, in the same order, as
/// <see cref="ObligationFold"/> states them plainly (see there, and docs/obligations-table.md, for what each means).
/// </summary>
internal sealed partial class ObligationEngine
{
    private static readonly int AcknowledgeKind = KindSet(ObligationKind.Acknowledge);
    private static readonly int PostMortemKind = KindSet(ObligationKind.SchedulePostMortem);
    private static readonly int SeverityKinds = KindSet(
        ObligationKind.Acknowledge, ObligationKind.Declare, ObligationKind.AssignCommander, ObligationKind.Respond,
        ObligationKind.FirstExternalUpdate, ObligationKind.ExternalUpdate);

    private static readonly int OpenIncidentKinds = KindSet(
        ObligationKind.Acknowledge, ObligationKind.Declare, ObligationKind.AssignCommander, ObligationKind.Respond,
        ObligationKind.FirstExternalUpdate, ObligationKind.ExternalUpdate, ObligationKind.InternalUpdate, ObligationKind.Escalate);

    private const int AllKinds = -1;

    /// <summary>A set of obligation kinds, one bit per kind.</summary>
    private static int KindSet(params ReadOnlySpan<ObligationKind> kinds)
    {
        var set = 0;
        foreach (var kind in kinds)
        {
            set |= 1 << (int)kind;
        }

        return set;
    }

    /// <summary>Folds one event: the lifecycle state and the facts conditions read, then the obligations.</summary>
    private void Apply(IncidentEvent @event)
    {
        var at = @event.At;
        var lifecycle = Fold.Lifecycle;
        Fold.Lifecycle = Incident.StateAfter(lifecycle, @event);
        var changed = Fold.Lifecycle != lifecycle ? FactReads.Status : FactReads.None;
        switch (@event)
        {
            case AlertFired e:
                StartEscalationAt(at);
                Fold.AlertAt = at;
                if (_policy.Severities.Find(e.Severity ?? "") is { } level)
                {
                    ChangeSeverity(level, at);
                }
                else
                {
                    var mostSevere = _policy.Severities.MostSevere;
                    Plan(ObligationKind.Acknowledge, null, _texts.Keys(ObligationKind.Acknowledge), Due(mostSevere.AcknowledgementTarget, at),
                        ObligationTexts.UnassessedAcknowledgeRule, _texts.For(mostSevere).Reason(ObligationTexts.UnassessedAcknowledge));
                }

                return;
            case Acknowledged:
                changed |= Fold.AcknowledgedAt is null ? FactReads.Acknowledged : FactReads.None;
                Fold.AcknowledgedAt ??= at;
                Fold.Acknowledged = true;
                Meet(ObligationKind.Acknowledge, null, at);
                break;
            case Declared e:
                changed |= Fold.DeclaredAt is null ? FactReads.Declared : FactReads.None;
                Fold.DeclaredAt ??= at;
                if (_policy.Severities.Find(e.Severity) is { } declared && declared != Fold.Severity)
                {
                    ChangeSeverity(declared, at);
                }

                Fold.Declared = true;
                Meet(ObligationKind.Declare, null, at);
                if (!Fold.Resolved && Fold.NextInternal < 0)
                {
                    PlanInternalUpdate(at);
                }

                break;
            case CommanderAssigned:
                Fold.HasCommander = true;
                Meet(ObligationKind.AssignCommander, null, at);
                break;
            case SeverityChanged e when _policy.Severities.Find(e.Severity) is { } newLevel && newLevel != Fold.Severity:
                ChangeSeverity(newLevel, at);
                break;
            case StatusUpdatePosted e:
                changed |= FactReads.LastUpdate;
                Fold.LastUpdateAt = at;
                OnStatusUpdate(e.Audience, at);
                break;
            case ImpactRecorded e when e.Metric is not null:
                changed |= FactReads.Impacts;
                _state.Impacts[e.Metric] = e.Value;
                break;
            case FlagRaised e:
                changed |= _state.Flags.Add(e.Flag) ? FactReads.Flags : FactReads.None;
                break;
            case Resolved:
                changed |= FactReads.Resolved;
                Fold.ResolvedAt = at;
                Resolve(at);
                break;
            case Reopened:
                changed |= FactReads.Resolved;
                Fold.ResolvedAt = null;
                Reopen(at);
                break;
            case PostMortemScheduled:
                Meet(ObligationKind.SchedulePostMortem, null, at);
                break;
            case ActionItemAdded e:
                Instant? due = Limits.Contains(e.Due) ? _policy.Calendar.Zone.AtStartOfDay(e.Due.PlusDays(1)).ToInstant() : null;
                Plan(ObligationKind.ActionItem, e.Id, _texts.Qualified(ObligationKind.ActionItem, e.Id), due, ObligationTexts.ActionItemRule,
                    ObligationTexts.ActionItemReason(e, _policy.Calendar.Zone));
                break;
            case ActionItemCompleted e:
                Meet(ObligationKind.ActionItem, e.Id, at);
                break;
            case ActionItemStatusChanged { Status: ActionItemStatus.Done or ActionItemStatus.WontDo } e:
                Meet(ObligationKind.ActionItem, e.Id, at);
                break;
            case NotificationSent e:
                Meet(ObligationKind.Escalate, e.Key, at);
                break;
            case Declined or Merged:
                CancelOpen(at, includeOverdue: true, kinds: AllKinds);
                Fold.Finished = true;
                break;
        }

        if (_texts.NeedHolders)
        {
            Fold.Holders = Fold.Holders.After(@event);
        }

        MeetResponses(@event);
        InvalidateFacts(changed);
    }

    /// <summary>As the plain fold: engages every role the event shows responding, meeting its respond obligation.</summary>
    private void MeetResponses(IncidentEvent @event)
    {
        foreach (var role in _texts.RolesListing[(int)@event.Kind])
        {
            if (RoleResponses.Lists(role, @event) && (EngagedAt(role.Id) is not null || RoleResponses.Meets(_policy, role, @event, Fold.Holders)))
            {
                Engage(role.Id, @event.At);
                Meet(ObligationKind.Respond, role.Id, @event.At);
            }
        }
    }

    /// <summary>
    /// The first severity (at the alert, or the first declared or severityChanged) plans its targets from the alert, as
    /// the table measures them ("declare 5 min after alert"), so a late declaration is met late. A change from one
    /// severity to another cancels what is pending and plans the new targets afresh from the change.
    /// </summary>
    private void ChangeSeverity(SeverityLevel level, Instant at)
    {
        var previous = Fold.Severity;
        Fold.Severity = level;
        if (Fold.Escalating)
        {
            InvalidateFacts(FactReads.Severity);
        }

        if (Fold.Resolved || Fold.Finished)
        {
            return;
        }

        if (previous is null)
        {
            CancelOpen(at, includeOverdue: false, kinds: AcknowledgeKind);
            PlanTargets(level, Fold.AlertAt, null, showEngaged: true);
            return;
        }

        CancelOpen(at, includeOverdue: false, kinds: SeverityKinds);
        PlanTargets(level, at, ObligationTexts.SeverityChange(previous, level, at));
    }

    /// <summary>Plans the targets of <paramref name="level"/> not yet met, due from <paramref name="at"/>; <paramref name="from"/>
    /// is <see langword="null"/> for the alert (whose texts are cached per policy) or says what else they run from.</summary>
    private void PlanTargets(SeverityLevel level, Instant at, string? from, bool showEngaged = false)
    {
        var texts = _texts.For(level);
        string Text(int template, string? role = null, int roleIndex = 0) =>
            from is null ? (template == ObligationTexts.Respond ? texts.RespondReasons[roleIndex] : texts.Reason(template))
                : ObligationTexts.Build(template, level, role, from);

        if (!Fold.Acknowledged)
        {
            Plan(ObligationKind.Acknowledge, null, _texts.Keys(ObligationKind.Acknowledge), Due(level.AcknowledgementTarget, at),
                texts.Rule(ObligationKind.Acknowledge), Text(ObligationTexts.Acknowledge));
        }

        if (level.DeclarationTimeLimit is { } declare && !Fold.Declared)
        {
            Plan(ObligationKind.Declare, null, _texts.Keys(ObligationKind.Declare), TimeMath.Plus(at, declare), texts.Rule(ObligationKind.Declare), Text(ObligationTexts.Declare));
        }

        if (level.CommanderAssignmentTimeLimit is { } commander && !Fold.HasCommander)
        {
            Plan(ObligationKind.AssignCommander, null, _texts.Keys(ObligationKind.AssignCommander), TimeMath.Plus(at, commander),
                texts.Rule(ObligationKind.AssignCommander), Text(ObligationTexts.AssignCommander));
        }

        var roles = level.RolesInvolved;
        for (var i = 0; i < roles.Count; i++)
        {
            var role = roles[i];
            var engaged = EngagedAt(role);
            if (engaged is null || showEngaged)
            {
                var slot = Plan(ObligationKind.Respond, role, texts.RespondKeys[i], Due(level.ResponseTarget, at),
                    texts.Rule(ObligationKind.Respond), Text(ObligationTexts.Respond, role, i));
                if (slot >= 0)
                {
                    Writable()[slot].MetAt = engaged;
                }
            }
        }

        var updates = level.StatusUpdates;
        if (updates.Audience != UpdateAudience.External)
        {
            return;
        }

        if (Fold.LastExternalUpdate is not { } last)
        {
            Plan(ObligationKind.FirstExternalUpdate, null, _texts.Keys(ObligationKind.FirstExternalUpdate), TimeMath.Plus(at, updates.FirstWithin!.Value),
                texts.Rule(ObligationKind.FirstExternalUpdate), Text(ObligationTexts.FirstExternalUpdate));
        }
        else if (updates.Every is { } every)
        {
            Fold.NextExternal = PlanExternalUpdate(TimeMath.Plus(Instant.Max(last, at), every), level);
        }
    }

    private void OnStatusUpdate(StatusAudience audience, Instant at)
    {
        MeetSlot(Fold.NextInternal, at);
        Fold.NextInternal = -1;
        if (Fold.Declared && !Fold.Resolved && !Fold.Finished)
        {
            PlanInternalUpdate(at);
        }

        if (audience != StatusAudience.External)
        {
            return;
        }

        Fold.LastExternalUpdate = at;
        Meet(ObligationKind.FirstExternalUpdate, null, at);
        MeetSlot(Fold.NextExternal, at);
        Fold.NextExternal = -1;
        if (!Fold.Resolved && !Fold.Finished && Fold.Severity is { StatusUpdates: { Audience: UpdateAudience.External, Every: { } every } } level)
        {
            Fold.NextExternal = PlanExternalUpdate(TimeMath.Plus(at, every), level);
        }
    }

    private int PlanExternalUpdate(Instant? dueAt, SeverityLevel level)
    {
        var texts = _texts.For(level);
        return Plan(ObligationKind.ExternalUpdate, null, _texts.Keys(ObligationKind.ExternalUpdate), dueAt, texts.Rule(ObligationKind.ExternalUpdate),
            texts.Reason(ObligationTexts.ExternalUpdate), rolling: true);
    }

    private void PlanInternalUpdate(Instant from) =>
        Fold.NextInternal = Plan(ObligationKind.InternalUpdate, null, _texts.Keys(ObligationKind.InternalUpdate), TimeMath.Plus(from, _policy.Lifecycle.MaxSilence),
            ObligationTexts.MaxSilenceRule, _texts.InternalUpdateReason, rolling: true);

    private void Resolve(Instant at)
    {
        Fold.Resolved = true;
        CancelOpen(at, includeOverdue: false, kinds: OpenIncidentKinds);
        Fold.NextExternal = -1;
        Fold.NextInternal = -1;
        if (Fold.Severity is { PostMortem: { } rule } level)
        {
            var texts = _texts.For(level);
            Plan(ObligationKind.SchedulePostMortem, null, _texts.Keys(ObligationKind.SchedulePostMortem), TimeMath.Plus(at, rule.SchedulingTimeLimit),
                texts.Rule(ObligationKind.SchedulePostMortem), texts.Reason(ObligationTexts.SchedulePostMortem));
        }
    }

    private void Reopen(Instant at)
    {
        Fold.Resolved = false;
        CancelOpen(at, includeOverdue: false, kinds: PostMortemKind);
        if (Fold.Severity is { } level)
        {
            PlanTargets(level, at, ObligationTexts.Reopening(at));
        }

        if (Fold.Declared)
        {
            PlanInternalUpdate(at);
        }
    }

    /// <summary>When <paramref name="target"/> falls due for something that started at <paramref name="at"/>; never
    /// when <paramref name="at"/> is outside the supported range (a leniently replayed log can hold such an instant).</summary>
    private Instant? Due(ResponseTarget target, Instant at) => Limits.Contains(at) ? target.DueFrom(at, _policy.Calendar) : null;
}
