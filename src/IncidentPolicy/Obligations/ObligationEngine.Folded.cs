using NodaTime;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Severities;

namespace IncidentPolicy.Obligations;

internal sealed partial class ObligationEngine
{
    /// <summary>
    /// The engine's state after folding every event of an incident under one policy, and walking time to
    /// <see cref="ValidFrom"/>; kept on the incident (<see cref="Lifecycle.Incident.EvaluationCache"/>) so that a later
    /// evaluation starts from it instead of folding again. Until <see cref="NextChange"/> nothing changes but the
    /// states of open obligations as their deadlines pass, so an evaluation then is stated from
    /// <see cref="Ordered"/> and <see cref="Open"/> alone (<see cref="StateAt"/>); a later one restores the engine from
    /// it and walks on. Immutable once captured (nothing writes its arrays), so any number of threads may use it.
    /// </summary>
    private sealed class Folded
    {
        // What an evaluation before NextChange reads, first.
        public required ResponsePolicy Policy { get; init; }

        /// <summary>The instant the fold stands at: the last event, or the last escalation time point after it.</summary>
        public required Instant ValidFrom { get; init; }

        /// <summary>The next instant after <see cref="ValidFrom"/> at which an escalation condition changes with time;
        /// <see langword="null"/> when none will.</summary>
        public required Instant? NextChange { get; init; }

        /// <summary>Whether <see cref="NextChange"/> is also a wake-up (the incident is neither resolved nor finished).</summary>
        public required bool WakeOnChange { get; init; }

        /// <summary>Every obligation, by due instant, then key: the met and cancelled ones as final, the open ones as
        /// pending (an evaluation replaces those whose deadline has passed with overdue ones).</summary>
        public required Obligation[] Ordered { get; init; }

        /// <summary>The open obligations: their position in <see cref="Ordered"/>, due instant and deadline.</summary>
        public required OpenObligation[] Open { get; init; }

        /// <summary>The engine's state, for an evaluation at or after <see cref="NextChange"/>.</summary>
        public required EngineState Engine { get; init; }

        /// <summary>Whether an evaluation at <paramref name="now"/> (not before <see cref="ValidFrom"/>) is stated from
        /// this fold alone: no escalation condition changes on the way.</summary>
        public bool Covers(Instant now) => NextChange is not { } change || now < change;

        /// <summary>The evaluation at <paramref name="now"/>, which <see cref="Covers"/>: the kept obligations, with
        /// each open one whose deadline has passed replaced by an overdue one.</summary>
        public Evaluation StateAt(Incident incident, Instant now)
        {
            WorkMeter.Add(Ordered.Length);
            var obligations = new Obligation[Ordered.Length];
            Ordered.AsSpan().CopyTo(obligations);
            Instant? wakeUp = WakeOnChange ? NextChange : null;
            foreach (var open in Open)
            {
                if (now >= open.Deadline)
                {
                    obligations[open.Position] = obligations[open.Position] with { State = ObligationState.Overdue, LateBy = now - open.DueAt };
                }
                else
                {
                    // Pending: it changes at its due instant (a page only when its dispatch grace ends as well).
                    var wake = open.DueAt > now ? open.DueAt : open.Deadline;
                    wakeUp = wakeUp is { } w && w <= wake ? w : wake;
                }
            }

            return new Evaluation(incident, now, Array.AsReadOnly(obligations), wakeUp);
        }

        /// <summary>What <see cref="ObligationEngine.Tally"/> counts at <paramref name="now"/>, which
        /// <see cref="Covers"/>.</summary>
        public void TallyAt(Instant now, Span<int> met, Span<int> metLate, Span<int> overdue)
        {
            WorkMeter.Add(Ordered.Length);
            foreach (var obligation in Ordered)
            {
                switch (obligation.State)
                {
                    case ObligationState.Met:
                        met[(int)obligation.Kind]++;
                        break;
                    case ObligationState.MetLate:
                        metLate[(int)obligation.Kind]++;
                        break;
                }
            }

            foreach (var open in Open)
            {
                if (now >= open.Deadline)
                {
                    overdue[(int)Ordered[open.Position].Kind]++;
                }
            }
        }
    }

    /// <summary>The working state of the engine that captured a <see cref="Folded"/>, which <see cref="Restore"/> puts
    /// back; apart from the obligations an evaluation reads, so those stay close together in memory.</summary>
    private sealed class EngineState
    {
        public required Slot[] Slots { get; init; }

        /// <summary>How many obligations of each key set were planned, by key set id.</summary>
        public required (int KeyId, int Count)[] Instances { get; init; }

        public required (string Role, Instant At)[] EngagedRoles { get; init; }

        /// <summary>The scalar state.</summary>
        public required FoldState State { get; init; }

        // Escalation progress and the facts its conditions see.
        public KeyValuePair<string, decimal>[]? Impacts { get; init; }

        public string[]? Flags { get; init; }

        public required bool[] RuleHolds { get; init; }

        public required bool[] PolicyApplies { get; init; }

        public required bool[] PolicyStopped { get; init; }
    }

    /// <summary>The engine's scalar state while folding: where the incident stands for the obligations (severity,
    /// what has happened, the rolling updates' slots) and for escalation (the facts conditions see, how far time has been
    /// walked, what changed since the last check).</summary>
    private struct FoldState
    {
        public static readonly FoldState Initial = new() { NextExternal = -1, NextInternal = -1 };

        public SeverityLevel? Severity;
        public Instant AlertAt;
        public bool Acknowledged;
        public bool Declared;
        public bool HasCommander;
        public bool Resolved;
        public bool Finished;
        public Instant? LastExternalUpdate;

        /// <summary>The slot of the pending rolling external or internal update; −1 for none.</summary>
        public int NextExternal;
        public int NextInternal;

        public IncidentStatus Status;
        public Instant? AcknowledgedAt;
        public Instant? DeclaredAt;
        public Instant? LastUpdateAt;
        public Instant? ResolvedAt;

        /// <summary>Whether the alert has been folded (escalation runs from it).</summary>
        public bool Escalating;

        /// <summary>How far time has been walked.</summary>
        public Instant Cursor;

        /// <summary>What the events since the last check changed of the facts that rules and policies read.</summary>
        public FactReads Changed;
    }

    /// <summary>An open obligation of a kept fold: where it is in the order, when it is due, and when it is overdue
    /// (a page or notification has the dispatch grace on top).</summary>
    private readonly record struct OpenObligation(int Position, Instant DueAt, Instant Deadline);

    private Folded Capture(Incident incident)
    {
        // The engine's state first, then the obligations and the fold: an evaluation reads the fold, its arrays and
        // some obligations, which are then allocated next to each other.
        var engine = new EngineState
        {
            Slots = _slots.AsSpan(0, _count).ToArray(),
            State = _fold,
            Instances = PlannedInstances(),
            EngagedRoles = [.. _engagedRoles],
            Impacts = _impacts.Count == 0 ? null : [.. _impacts],
            Flags = _flags.Count == 0 ? null : [.. _flags],
            RuleHolds = _ruleHolds.AsSpan(0, _texts.RuleList.Length).ToArray(),
            PolicyApplies = _policyApplies.AsSpan(0, _texts.PolicyList.Length).ToArray(),
            PolicyStopped = _policyStopped.AsSpan(0, _texts.PolicyList.Length).ToArray(),
        };
        var (ordered, open) = OrderedObligations();
        return new()
        {
            Policy = _policy,
            ValidFrom = Instant.Max(_fold.Cursor, incident.LastEventAt),
            NextChange = NextEscalationChange(_fold.Cursor),
            WakeOnChange = !_fold.Resolved && !_fold.Finished,
            Ordered = ordered,
            Open = open,
            Engine = engine,
        };
    }

    private (int KeyId, int Count)[] PlannedInstances()
    {
        var planned = new (int, int)[_keysPlanned.Count];
        for (var i = 0; i < planned.Length; i++)
        {
            planned[i] = (_keysPlanned[i], _instances[_keysPlanned[i]]);
        }

        return planned;
    }

    /// <summary>Every obligation in order — met, met late or cancelled as final (the instant of evaluation no longer
    /// matters), open ones as pending — and the open ones' positions and deadlines.</summary>
    private (Obligation[] Ordered, OpenObligation[] Open) OrderedObligations()
    {
        var order = _count <= 256 ? stackalloc int[_count] : new int[_count];
        Order(order);
        var ordered = new Obligation[_count];
        var openCount = 0;
        var grace = _policy.Escalation.DispatchGrace;
        for (var i = 0; i < order.Length; i++)
        {
            ref readonly var slot = ref _slots[order[i]];
            openCount += slot.IsOpen ? 1 : 0;
            ordered[i] = slot.IsOpen
                ? ObligationOf(slot, ObligationState.Pending, null)
                : ObligationOf(slot, StateOf(slot, Instant.MaxValue, grace, out var lateBy), lateBy);
        }

        var open = openCount == 0 ? [] : new OpenObligation[openCount];
        for (int i = 0, o = 0; i < order.Length && o < openCount; i++)
        {
            ref readonly var slot = ref _slots[order[i]];
            if (slot.IsOpen)
            {
                open[o++] = new OpenObligation(i, slot.DueAt, slot.Kind == ObligationKind.Escalate ? slot.DueAt + grace : slot.DueAt);
            }
        }

        return (ordered, open);
    }

    /// <summary>Continues from <paramref name="folded"/> exactly as the engine that captured it would have; called
    /// right after <see cref="Start"/> with the same policy.</summary>
    private void Restore(Folded folded)
    {
        var engine = folded.Engine;
        // Shared, not copied: nothing writes a kept fold's slots (Writable copies them first).
        _slots = engine.Slots;
        _shared = true;
        _count = engine.Slots.Length;
        _fold = engine.State;
        _openSlots.Reset();
        foreach (var (id, count) in engine.Instances)
        {
            CountInstance(id);
            _instances[id] = count;
        }
        _engagedRoles.AddRange(engine.EngagedRoles);
        foreach (var (metric, value) in engine.Impacts ?? [])
        {
            _impacts[metric] = value;
        }

        if (engine.Flags is { } flags)
        {
            _flags.UnionWith(flags);
        }

        engine.RuleHolds.CopyTo(_ruleHolds, 0);
        engine.PolicyApplies.CopyTo(_policyApplies, 0);
        engine.PolicyStopped.CopyTo(_policyStopped, 0);

        // The scratch facts are refreshed from these values before a condition looks at them.
        _factsStale = true;
        _nextChangeKnown = false;
        _nextChange = null;
        _earliestKnown = false;
    }
}
