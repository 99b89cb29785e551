using IncidentPolicy.Lifecycle;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Obligations;

/// <summary>
/// Folds an incident's events (those at or before the evaluation instant) into the obligations the policy sets,
/// then states each at that instant. See docs/design.md "Obligations" for what meets what, cadences, cancellation and
/// severity changes.
/// </summary>
internal sealed partial class ObligationEngine
{
    /// <summary>One engine per thread, reused: an evaluation then allocates only its result.</summary>
    [ThreadStatic]
    private static ObligationEngine? t_engine;

    /// <summary>By key set id: how many obligations of that key were planned; <see cref="_keysPlanned"/> lists the
    /// ids that are not 0.</summary>
    private int[] _instances = new int[64];
    private readonly List<int> _keysPlanned = new(16);
    private readonly List<(string Role, Instant At)> _engagedRoles = new(4);
    /// <summary>The engine's own slot buffer, reused from evaluation to evaluation.</summary>
    private Slot[] _own = new Slot[32];

    /// <summary>The slots: the engine's own buffer, or, after <see cref="Restore"/>, the kept fold's array, shared
    /// read-only until the first change (<see cref="Writable"/>) — a warm evaluation that plans nothing copies nothing.</summary>
    private Slot[] _slots;
    private bool _shared;
    private int _count;

    private ResponsePolicy _policy = null!;
    private ObligationTexts _texts = null!;

    /// <summary>The fold's scalar state (the rest is in the slots, instance counts, engaged roles, impacts, flags and
    /// rule and policy states); one value, so a kept fold copies and restores it whole.</summary>
    private FoldState _fold = FoldState.Initial;

    public static Evaluation Evaluate(ResponsePolicy policy, Incident incident, Instant now)
    {
        // The usual case (a bot at a wake-up, a dashboard refreshing): a kept fold that nothing changes before now
        // states the obligations by itself, without the engine.
        if (Kept(policy, incident, now) is { } kept && kept.Covers(now))
        {
            return kept.StateAt(incident, now);
        }

        var engine = Take();
        try
        {
            return engine.Fold(policy, incident, now);
        }
        finally
        {
            Return(engine);
        }
    }

    /// <summary>What <see cref="Evaluate"/> says, folding every event afresh and keeping nothing: the reference the
    /// kept folds are tested against.</summary>
    internal static Evaluation EvaluateWithoutKeeping(ResponsePolicy policy, Incident incident, Instant now)
    {
        var engine = Take();
        try
        {
            engine.Start(policy);
            return engine.FoldAfresh(incident, now);
        }
        finally
        {
            Return(engine);
        }
    }

    /// <summary>Adds the met, met-late and overdue obligations of <paramref name="incident"/> at
    /// <paramref name="now"/> to the counts by <see cref="ObligationKind"/> — what <see cref="Evaluate"/> would say,
    /// without building the <see cref="Obligation"/> objects (for metrics over many incidents).</summary>
    public static void Tally(ResponsePolicy policy, Incident incident, Instant now, Span<int> met, Span<int> metLate, Span<int> overdue)
    {
        var kept = Kept(policy, incident, now);
        if (kept is not null && kept.Covers(now))
        {
            kept.TallyAt(now, met, metLate, overdue);
            return;
        }

        var engine = Take();
        try
        {
            // Metrics usually run once over freshly replayed incidents: keeping anything per incident would hold memory
            // (and make work for the garbage collector) for evaluations that may never come, so the count uses a kept
            // fold but keeps none.
            engine.Start(policy);
            if (kept is not null)
            {
                engine.Restore(kept);
            }
            else
            {
                engine.FoldEvents(incident, now);
            }

            engine.AdvanceTo(now);
            engine.CountSlots(now, met, metLate, overdue);
        }
        finally
        {
            Return(engine);
        }
    }

    /// <summary>Counts the slots by state at <paramref name="now"/>.</summary>
    private void CountSlots(Instant now, Span<int> met, Span<int> metLate, Span<int> overdue)
    {
        WorkMeter.Add(_count);
        var grace = _policy.Escalation.DispatchGrace;
        for (var i = 0; i < _count; i++)
        {
            ref readonly var slot = ref _slots[i];
            var k = (int)slot.Kind;
            switch (StateOf(slot, now, grace))
            {
                case ObligationState.Met:
                    met[k]++;
                    break;
                case ObligationState.MetLate:
                    metLate[k]++;
                    break;
                case ObligationState.Overdue:
                    overdue[k]++;
                    break;
            }
        }
    }

    /// <summary>The thread's engine, taken while in use, so a nested evaluation (none today) would get its own.</summary>
    private static ObligationEngine Take()
    {
        var engine = t_engine ?? new ObligationEngine();
        t_engine = null;
        return engine;
    }

    private static void Return(ObligationEngine engine)
    {
        engine.Clear();
        t_engine = engine;
    }

    /// <summary>The fold kept on <paramref name="incident"/> for <paramref name="policy"/>, when it may serve an
    /// evaluation at <paramref name="now"/>: it holds every event and stands at no later than now (its
    /// <c>ValidFrom</c> is never before the last event).</summary>
    private static Folded? Kept(ResponsePolicy policy, Incident incident, Instant now) =>
        incident.EvaluationCache is Folded folded && ReferenceEquals(folded.Policy, policy) && now >= folded.ValidFrom ? folded : null;

    /// <summary>Evaluates by folding: the events up to <paramref name="now"/> (an audit of the past keeps nothing), or
    /// after the last event from the kept fold (or every event) through the time points up to now, keeping the result
    /// for the evaluations that follow.</summary>
    private Evaluation Fold(ResponsePolicy policy, Incident incident, Instant now)
    {
        Start(policy);
        if (now < incident.LastEventAt)
        {
            return FoldAfresh(incident, now);
        }

        if (Kept(policy, incident, now) is { } kept)
        {
            Restore(kept);
        }
        else
        {
            FoldEvents(incident, now);
        }

        // Stop at the last time point before now, not at now: the fold kept then serves every instant from there on.
        AdvanceTo(now, settle: false);
        var folded = Capture(incident);
        Keep(incident, folded);
        return folded.StateAt(incident, now);
    }

    /// <summary>Keeps <paramref name="folded"/> on the incident unless it already keeps a fold for this policy that
    /// starts later (a fold only moves forward, so threads evaluating at different instants do not undo each other).</summary>
    private static void Keep(Incident incident, Folded folded)
    {
        if (incident.EvaluationCache is not Folded current || !ReferenceEquals(current.Policy, folded.Policy) || current.ValidFrom <= folded.ValidFrom)
        {
            incident.EvaluationCache = folded;
        }
    }

    /// <summary>The evaluation at <paramref name="now"/> from the events up to it, keeping nothing.</summary>
    private Evaluation FoldAfresh(Incident incident, Instant now)
    {
        FoldEvents(incident, now);
        AdvanceTo(now);
        return State(incident, now);
    }

    /// <summary>Folds the events at or before <paramref name="now"/>.</summary>
    private void FoldEvents(Incident incident, Instant now)
    {
        WorkMeter.Add(incident.Version);
        foreach (var @event in incident.EventSpan)
        {
            if (@event.At > now)
            {
                break;
            }

            AdvanceTo(@event.At);
            TrackFacts(@event);
            Apply(@event);
            CheckEscalation(@event.At);
        }
    }

    private ObligationEngine() => _slots = _own;

    /// <summary>The slots, for a change: a shared kept fold's array is first copied into the engine's own buffer.</summary>
    private Slot[] Writable()
    {
        if (_shared)
        {
            if (_own.Length < _count + 8)
            {
                _own = new Slot[Math.Max(_count * 2, 32)];
            }

            Array.Copy(_slots, _own, _count);
            _slots = _own;
            _shared = false;
        }

        return _slots;
    }

    private void Start(ResponsePolicy policy)
    {
        _policy = policy;
        _texts = ObligationTexts.For(policy);
        StartEscalation();
    }

    /// <summary>Forgets the evaluation, so the engine a thread keeps holds no incident alive, and of the last policy
    /// only its severity scale (in the scratch facts).</summary>
    private void Clear()
    {
        // The slots' strings belong to the policy's texts (or are reasons of this incident): left in the array, they
        // are overwritten by the next evaluation, and clearing them would cost more than they keep alive.
        _count = 0;
        _slots = _own;
        _shared = false;
        foreach (var id in _keysPlanned)
        {
            _instances[id] = 0;
        }

        _keysPlanned.Clear();
        _engagedRoles.Clear();
        _openSlots.Reset();
        _policy = null!;
        _texts = null!;
        _fold = FoldState.Initial;
        ClearEscalation();
    }

    private void Apply(IncidentEvent @event)
    {
        var at = @event.At;
        switch (@event)
        {
            case AlertFired e:
                _fold.AlertAt = at;
                if (_policy.Severities.Find(e.Severity ?? "") is { } level)
                {
                    ChangeSeverity(level, at);
                }
                else
                {
                    var mostSevere = _policy.Severities.MostSevere;
                    Plan(ObligationKind.Acknowledge, null, _texts.Keys(ObligationKind.Acknowledge), Due(mostSevere.AcknowledgementTarget, at),
                        "unassessed.acknowledge", _texts.For(mostSevere).Reason(ObligationTexts.UnassessedAcknowledge));
                }

                break;
            case Acknowledged:
                _fold.Acknowledged = true;
                Meet(ObligationKind.Acknowledge, null, at);
                Engage(LifecycleRules.OnCallRole, at);
                Meet(ObligationKind.Respond, LifecycleRules.OnCallRole, at);
                break;
            case Declared e:
                if (_policy.Severities.Find(e.Severity) is { } declared && declared != _fold.Severity)
                {
                    ChangeSeverity(declared, at);
                }

                _fold.Declared = true;
                Meet(ObligationKind.Declare, null, at);

                if (!_fold.Resolved && _fold.NextInternal < 0)
                {
                    PlanInternalUpdate(at);
                }

                break;
            case CommanderAssigned:
                _fold.HasCommander = true;
                Meet(ObligationKind.AssignCommander, null, at);
                break;
            case RoleAssigned e:
                Engage(e.Role, at);
                Meet(ObligationKind.Respond, e.Role, at);
                break;
            case SeverityChanged e when _policy.Severities.Find(e.Severity) is { } changed && changed != _fold.Severity:
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
                Instant? due = Limits.Contains(e.Due) ? _policy.Calendar.Zone.AtStartOfDay(e.Due.PlusDays(1)).ToInstant() : null;
                Plan(ObligationKind.ActionItem, e.Id, _texts.Qualified(ObligationKind.ActionItem, e.Id), due, "actionItems.dueDate",
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
                CancelOpen(at, includeOverdue: true, kinds: AllKinds);
                _fold.Finished = true;
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
        var previous = _fold.Severity;
        _fold.Severity = level;
        if (_fold.Escalating)
        {
            InvalidateFacts(FactReads.Severity);
        }

        if (_fold.Resolved || _fold.Finished)
        {
            return;
        }

        if (previous is null)
        {
            CancelOpen(at, includeOverdue: false, kinds: AcknowledgeKind);
            PlanTargets(level, _fold.AlertAt, null, showEngaged: true);
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
        var texts = _texts.For(level);
        string Text(int template, string? role = null, int roleIndex = 0) =>
            from is null ? (template == ObligationTexts.Respond ? texts.RespondReasons[roleIndex] : texts.Reason(template))
                : ObligationTexts.Build(template, level, role, from);

        if (!_fold.Acknowledged)
        {
            Plan(ObligationKind.Acknowledge, null, _texts.Keys(ObligationKind.Acknowledge), Due(level.AcknowledgementTarget, at),
                texts.Rule(ObligationKind.Acknowledge), Text(ObligationTexts.Acknowledge));
        }

        if (level.DeclarationTimeLimit is { } declare && !_fold.Declared)
        {
            Plan(ObligationKind.Declare, null, _texts.Keys(ObligationKind.Declare), TimeMath.Plus(at, declare), texts.Rule(ObligationKind.Declare), Text(ObligationTexts.Declare));
        }

        if (level.CommanderAssignmentTimeLimit is { } commander && !_fold.HasCommander)
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

        if (_fold.LastExternalUpdate is not { } last)
        {
            Plan(ObligationKind.FirstExternalUpdate, null, _texts.Keys(ObligationKind.FirstExternalUpdate), TimeMath.Plus(at, updates.FirstWithin!.Value),
                texts.Rule(ObligationKind.FirstExternalUpdate), Text(ObligationTexts.FirstExternalUpdate));
        }
        else if (updates.Every is { } every)
        {
            _fold.NextExternal = PlanExternalUpdate(TimeMath.Plus(Instant.Max(last, at), every), level);
        }
    }

    private void OnStatusUpdate(StatusAudience audience, Instant at)
    {
        MeetSlot(_fold.NextInternal, at);
        _fold.NextInternal = -1;
        if (_fold.Declared && !_fold.Resolved && !_fold.Finished)
        {
            PlanInternalUpdate(at);
        }

        if (audience != StatusAudience.External)
        {
            return;
        }

        _fold.LastExternalUpdate = at;
        Meet(ObligationKind.FirstExternalUpdate, null, at);
        MeetSlot(_fold.NextExternal, at);
        _fold.NextExternal = -1;
        if (!_fold.Resolved && !_fold.Finished && _fold.Severity is { StatusUpdates: { Audience: UpdateAudience.External, Every: { } every } } level)
        {
            _fold.NextExternal = PlanExternalUpdate(TimeMath.Plus(at, every), level);
        }
    }

    private int PlanExternalUpdate(Instant? dueAt, SeverityLevel level)
    {
        var texts = _texts.For(level);
        return Plan(ObligationKind.ExternalUpdate, null, _texts.Keys(ObligationKind.ExternalUpdate), dueAt, texts.Rule(ObligationKind.ExternalUpdate),
            texts.Reason(ObligationTexts.ExternalUpdate), rolling: true);
    }

    private void PlanInternalUpdate(Instant from) =>
        _fold.NextInternal = Plan(ObligationKind.InternalUpdate, null, _texts.Keys(ObligationKind.InternalUpdate), TimeMath.Plus(from, _policy.Lifecycle.MaxSilence),
            "communication.maxSilence", _texts.InternalUpdateReason, rolling: true);

    private void Resolve(Instant at)
    {
        _fold.Resolved = true;
        CancelOpen(at, includeOverdue: false, kinds: OpenIncidentKinds);
        _fold.NextExternal = -1;
        _fold.NextInternal = -1;
        if (_fold.Severity?.PostMortem is { } rule)
        {
            var texts = _texts.For(_fold.Severity);
            Plan(ObligationKind.SchedulePostMortem, null, _texts.Keys(ObligationKind.SchedulePostMortem), TimeMath.Plus(at, rule.SchedulingTimeLimit),
                texts.Rule(ObligationKind.SchedulePostMortem), texts.Reason(ObligationTexts.SchedulePostMortem));
        }
    }

    private void Reopen(Instant at)
    {
        _fold.Resolved = false;
        CancelOpen(at, includeOverdue: false, kinds: PostMortemKind);
        if (_fold.Severity is { } level)
        {
            PlanTargets(level, at, $"the reopening at {HumanText.Format(at)}");
        }

        if (_fold.Declared)
        {
            PlanInternalUpdate(at);
        }
    }

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

    private const int AllKinds = -1;
    private static readonly int AcknowledgeKind = KindSet(ObligationKind.Acknowledge);
    private static readonly int PostMortemKind = KindSet(ObligationKind.SchedulePostMortem);
    private static readonly int SeverityKinds = KindSet(
        ObligationKind.Acknowledge, ObligationKind.Declare, ObligationKind.AssignCommander, ObligationKind.Respond,
        ObligationKind.FirstExternalUpdate, ObligationKind.ExternalUpdate);

    private static readonly int OpenIncidentKinds = KindSet(
        ObligationKind.Acknowledge, ObligationKind.Declare, ObligationKind.AssignCommander, ObligationKind.Respond,
        ObligationKind.FirstExternalUpdate, ObligationKind.ExternalUpdate, ObligationKind.InternalUpdate, ObligationKind.Escalate);

    /// <summary>Cancels, at <paramref name="at"/>, the open obligations of the <paramref name="kinds"/> (a
    /// <see cref="KindSet"/>) due after it, or, with <paramref name="includeOverdue"/>, whenever due.</summary>
    private void CancelOpen(Instant at, bool includeOverdue, int kinds)
    {
        var slots = Writable();
        if (UseIndex())
        {
            _openSlots.CancelOpen(slots, at, includeOverdue, kinds);
            return;
        }

        WorkMeter.Add(_count);
        for (var i = 0; i < _count; i++)
        {
            ref var slot = ref slots[i];
            if (slot.IsOpen && (kinds & (1 << (int)slot.Kind)) != 0 && (includeOverdue || slot.DueAt > at))
            {
                slot.CancelledAt = at;
            }
        }
    }

    /// <summary>Adds an obligation; <paramref name="keys"/> are those of (<paramref name="kind"/>,
    /// <paramref name="qualifier"/>), whose instances are numbered when <paramref name="rolling"/> or planned again.</summary>
    /// <returns>The slot's index; −1 when <paramref name="dueAt"/> is never (<see langword="null"/>, or after
    /// <see cref="Limits.LatestResult"/>): nothing is owed that could never fall due.</returns>
    private int Plan(ObligationKind kind, string? qualifier, ObligationTexts.KeySet keys, Instant? dueAt, string ruleId, string reason,
        bool rolling = false, int escalationPolicy = -1)
    {
        if (TimeMath.Result(dueAt) is not { } due)
        {
            return -1;
        }

        var n = CountInstance(keys.Id);

        var slots = Writable();
        if (_count == slots.Length)
        {
            Array.Resize(ref _own, _count * 2);
            _slots = slots = _own;
        }

        slots[_count] = new Slot(keys.Get(rolling || n > 1 ? n : 0), kind, qualifier, due, ruleId, reason, escalationPolicy);
        if (_openSlots.Built)
        {
            _openSlots.Add(_count, slots[_count]);
        }

        return _count++;
    }

    /// <summary>When <paramref name="target"/> falls due for something that started at <paramref name="at"/>; never
    /// when <paramref name="at"/> is outside the supported range (a leniently replayed log can hold such an instant).</summary>
    private Instant? Due(ResponseTarget target, Instant at) => Limits.Contains(at) ? target.DueAfter(at, _policy.Calendar) : null;

    /// <summary>Counts one more obligation of key set <paramref name="id"/>; returns how many there are now.</summary>
    private int CountInstance(int id)
    {
        if (id >= _instances.Length)
        {
            Array.Resize(ref _instances, Math.Max(id + 1, _instances.Length * 2));
        }

        var n = ++_instances[id];
        if (n == 1)
        {
            _keysPlanned.Add(id);
        }

        return n;
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
        var slots = Writable();
        if (UseIndex())
        {
            _openSlots.Meet(slots, kind, qualifier, at);
            return;
        }

        WorkMeter.Add(_count);
        for (var i = 0; i < _count; i++)
        {
            ref var slot = ref slots[i];
            if (slot.Kind == kind && slot.IsOpen && string.Equals(slot.Qualifier, qualifier, StringComparison.Ordinal))
            {
                slot.MetAt = at;
            }
        }
    }

    private void MeetSlot(int index, Instant at)
    {
        if (index >= 0 && _slots[index].IsOpen)
        {
            Writable()[index].MetAt = at;
        }
    }

    private Evaluation State(Incident incident, Instant now)
    {
        var order = _count <= 256 ? stackalloc int[_count] : new int[_count];
        Order(order);
        var obligations = new Obligation[_count];
        Instant? wakeUp = null;
        var grace = _policy.Escalation.DispatchGrace;
        for (var i = 0; i < order.Length; i++)
        {
            ref readonly var slot = ref _slots[order[i]];
            var state = StateOf(slot, now, grace, out var lateBy);
            if (state == ObligationState.Pending)
            {
                var wake = slot.DueAt > now ? slot.DueAt : slot.DueAt + grace;
                wakeUp = wakeUp is { } w && w <= wake ? w : wake;
            }

            obligations[i] = ObligationOf(slot, state, lateBy);
        }

        if (!_fold.Resolved && !_fold.Finished && NextEscalationChange(now) is { } change && (wakeUp is null || change < wakeUp))
        {
            wakeUp = change;
        }

        return new Evaluation(incident, now, Array.AsReadOnly(obligations), wakeUp);
    }

    private static Obligation ObligationOf(in Slot slot, ObligationState state, Duration? lateBy) =>
        new(slot.Key, slot.Kind, slot.DueAt, state, slot.MetAt, lateBy, slot.CancelledAt, slot.RuleId, slot.Reason);

    /// <summary>Fills <paramref name="order"/> with the slot indexes ordered by due instant, then key, then planning
    /// order (a sort, so a log that plans its obligations out of due order costs n log n, not n²).</summary>
    private void Order(Span<int> order)
    {
        WorkMeter.Add(order.Length);
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        order.Sort(new SlotOrder(_slots));
    }

    private readonly struct SlotOrder(Slot[] slots) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var bySlot = ObligationEngine.Compare(slots[x], slots[y]);
            return bySlot != 0 ? bySlot : x.CompareTo(y);
        }
    }

    private static int Compare(in Slot a, in Slot b)
    {
        var byDue = a.DueAt.CompareTo(b.DueAt);
        return byDue != 0 ? byDue : string.CompareOrdinal(a.Key, b.Key);
    }

    /// <summary>Where <paramref name="slot"/> stands at <paramref name="now"/>. A page or notification counts as on
    /// time when the host records it within the dispatch <paramref name="grace"/>.</summary>
    private static ObligationState StateOf(in Slot slot, Instant now, Duration grace, out Duration? lateBy)
    {
        var state = StateOf(slot, now, grace);
        lateBy = state switch
        {
            ObligationState.MetLate => slot.MetAt!.Value - slot.DueAt,
            ObligationState.Overdue => now - slot.DueAt,
            _ => null,
        };
        return state;
    }

    /// <summary>The state alone (metrics count states; only an evaluation needs how late).</summary>
    private static ObligationState StateOf(in Slot slot, Instant now, Duration grace)
    {
        var deadline = slot.Kind == ObligationKind.Escalate ? slot.DueAt + grace : slot.DueAt;
        return slot.Settlement switch
        {
            Slot.WasMet => slot.SettledAt <= deadline ? ObligationState.Met : ObligationState.MetLate,
            Slot.WasCancelled => ObligationState.Cancelled,
            _ => now >= deadline ? ObligationState.Overdue : ObligationState.Pending,
        };
    }

    /// <summary>An obligation while the events are folded: what it is, and whether (and when) it was met or cancelled.</summary>
    private struct Slot(string key, ObligationKind kind, string? qualifier, Instant dueAt, string ruleId, string reason, int escalationPolicy)
    {
        public const byte Open = 0, WasMet = 1, WasCancelled = 2;

        public readonly string Key = key;
        public readonly string? Qualifier = qualifier;
        public readonly string RuleId = ruleId;
        public readonly string Reason = reason;
        public readonly Instant DueAt = dueAt;

        /// <summary>The index of the escalation policy that planned it; −1 for anything else.</summary>
        public readonly int EscalationPolicy = escalationPolicy;

        // Met and cancelled exclude each other (only an open slot is met or cancelled), so one instant and a byte
        // say which: kept folds hold many slots, and a smaller slot is less memory to read.
        private Instant _settledAt;
        private byte _settlement;
        private readonly byte _kind = (byte)kind;

        public readonly ObligationKind Kind => (ObligationKind)_kind;

        public Instant? MetAt
        {
            readonly get => _settlement == WasMet ? _settledAt : null;
            set => Settle(value, WasMet);
        }

        public Instant? CancelledAt
        {
            readonly get => _settlement == WasCancelled ? _settledAt : null;
            set => Settle(value, WasCancelled);
        }

        public readonly bool IsOpen => _settlement == Open;

        /// <summary><see cref="Open"/>, <see cref="WasMet"/> or <see cref="WasCancelled"/>.</summary>
        public readonly byte Settlement => _settlement;

        /// <summary>When it was met or cancelled; meaningless while open.</summary>
        public readonly Instant SettledAt => _settledAt;

        private void Settle(Instant? at, byte settlement)
        {
            if (at is { } instant)
            {
                _settledAt = instant;
                _settlement = settlement;
            }
            else if (_settlement == settlement)
            {
                _settlement = Open;
            }
        }
    }
}
