using NodaTime;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Obligations;

internal sealed partial class ObligationEngine
{
    /// <summary>
    /// The folds kept per incident: at most one each, for the policy that last kept one. Held by the incident instance
    /// itself (its <see cref="Incident.Memo"/>), so a fold lives as long as its incident and no longer, and a new version
    /// of an incident (another instance) starts without one. Replaced only by a fold for another policy or one standing
    /// later; a fold is immutable once kept, so a race only costs a second fold.
    /// </summary>
    internal static class KeptFolds
    {
        /// <summary>The fold kept for <paramref name="incident"/> under <paramref name="policy"/>, when it may serve an
        /// evaluation at <paramref name="now"/>: it holds every event and stands at no later than now (its
        /// <c>ValidFrom</c> is never before the last event).</summary>
        public static Folded? Find(ResponsePolicy policy, Incident incident, Instant now) =>
            incident.Memo is Folded folded && ReferenceEquals(folded.Policy, policy) && now >= folded.ValidFrom
                ? folded
                : null;

        /// <summary>Keeps <paramref name="folded"/> unless the incident already keeps a fold for this policy that
        /// starts later (a fold only moves forward, so threads evaluating at different instants do not undo each other).</summary>
        public static void Keep(Incident incident, Folded folded)
        {
            if (incident.Memo is not Folded current || !ReferenceEquals(current.Policy, folded.Policy) || current.ValidFrom <= folded.ValidFrom)
            {
                incident.Memo = folded;
            }
        }

        /// <summary>Forgets the fold kept for <paramref name="incident"/>, so the next evaluation folds its events again
        /// (benchmarks of a first evaluation).</summary>
        public static void Forget(Incident incident) => incident.Memo = null;
    }

    /// <summary>
    /// A fold of every event of an incident under one policy, walked to <see cref="ValidFrom"/>. Until
    /// <see cref="NextChange"/> nothing changes but the states of open obligations as their deadlines pass, so an
    /// evaluation then is stated from <see cref="Ordered"/> and <see cref="Open"/> alone (<see cref="StateAt"/>); a later
    /// one clones <see cref="State"/> and walks on. Immutable once captured, so any number of threads may use it.
    /// </summary>
    internal sealed class Folded : IncidentMemo
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

        /// <summary>The fold's state, for an evaluation at or after <see cref="NextChange"/>; never written. Not kept
        /// when there is no next change: every later evaluation is then stated from this fold alone.</summary>
        public FoldState? State { get; init; }

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

    /// <summary>An open obligation of a kept fold: where it is in the order, when it is due, and when it is overdue
    /// (a page or notification has the dispatch grace on top).</summary>
    internal readonly record struct OpenObligation(int Position, Instant DueAt, Instant Deadline);

    private Folded Capture(Incident incident)
    {
        // The state first, then the obligations and the fold: an evaluation reads the fold, its arrays and some
        // obligations, which are then allocated next to each other.
        var nextChange = NextEscalationChange(Fold.Cursor);
        var state = nextChange is null ? null : _state.Clone(shareSlots: false);
        var (ordered, open) = OrderedObligations();
        return new()
        {
            Policy = _policy,
            ValidFrom = Instant.Max(Fold.Cursor, incident.LastEventAt),
            NextChange = nextChange,
            WakeOnChange = !Fold.Resolved && !Fold.Finished,
            Ordered = ordered,
            Open = open,
            State = state,
        };
    }

    /// <summary>Every obligation in order — met, met late or cancelled as final (the instant of evaluation no longer
    /// matters), open ones as pending — and the open ones' positions and deadlines.</summary>
    private (Obligation[] Ordered, OpenObligation[] Open) OrderedObligations()
    {
        var count = _state.Count;
        var slots = _state.Slots;
        var order = count <= 256 ? stackalloc int[count] : new int[count];
        Order(order);
        var ordered = new Obligation[count];
        var openCount = 0;
        var grace = _policy.Escalation.DispatchGrace;
        for (var i = 0; i < order.Length; i++)
        {
            ref readonly var slot = ref slots[order[i]];
            openCount += slot.IsOpen ? 1 : 0;
            ordered[i] = slot.IsOpen
                ? ObligationOf(slot, ObligationState.Pending, null)
                : ObligationOf(slot, StateOf(slot, Instant.MaxValue, grace, out var lateBy), lateBy);
        }

        var open = openCount == 0 ? [] : new OpenObligation[openCount];
        for (int i = 0, o = 0; i < order.Length && o < openCount; i++)
        {
            ref readonly var slot = ref slots[order[i]];
            if (slot.IsOpen)
            {
                open[o++] = new OpenObligation(i, slot.DueAt, slot.Kind == ObligationKind.Escalate ? slot.DueAt + grace : slot.DueAt);
            }
        }

        return (ordered, open);
    }

    /// <summary>Continues from <paramref name="folded"/> exactly as the engine that captured it would have; called
    /// right after <see cref="Start"/> with the same policy. The kept state is cloned whole, its slots shared until the
    /// first change; what the engine derives from the state is rebuilt.</summary>
    private void Restore(Folded folded)
    {
        // Only a fold with a next change is restored (it does not cover the instants from there on), and such a fold
        // keeps its state.
        _state = folded.State!.Clone(shareSlots: true);
        _state.Fit(_texts.RuleList.Length, _texts.PolicyList.Length);
        IndexInstances();
        _openSlots.Reset();
        ForgetDerivedFacts();
    }
}
