using NodaTime;

namespace IncidentPolicy.Obligations;

internal sealed partial class ObligationEngine
{
    /// <summary>How many slots an incident needs before meeting and cancelling go through <see cref="OpenSlots"/>
    /// instead of looking at every slot: below it a scan is cheaper than keeping the index.</summary>
    internal const int IndexFrom = 48;

    private readonly OpenSlots _openSlots = new();

    /// <summary>Whether meeting and cancelling go through the index: it is built (from the slots as they are) the first
    /// time the incident has <see cref="IndexFrom"/> slots.</summary>
    private bool UseIndex()
    {
        if (!_openSlots.Built && _state.Count >= IndexFrom)
        {
            _openSlots.Build(_state.Slots, _state.Count);
        }

        return _openSlots.Built;
    }

    /// <summary>
    /// The open slots by kind, by (kind, qualifier) — by key for pages — and by escalation policy, so that an event
    /// meets or cancels by looking only at candidates: the cost of folding a log then grows with its length, not its
    /// square. Entries of slots met or cancelled since are dropped when next seen. A slot that a cancellation left open
    /// because it was already due stays due for every later cancellation (events come in time order), so it moves to a
    /// list of its own that only cancelling overdue ones (decline, merge) and meeting look at; should a later
    /// cancellation come at an earlier instant (a lenient replay of a log whose time goes backwards), those lists are
    /// looked at again. It holds slot indexes only; the rules stay in the engine. Derived from the slots, never kept:
    /// it is built again when needed after a restore.
    /// </summary>
    private sealed class OpenSlots
    {
        private const int KindCount = 16;

        private readonly List<int>[] _due = NewLists(KindCount);
        private readonly List<int>[] _overdue = NewLists(KindCount);
        private readonly Dictionary<(ObligationKind Kind, string? Qualifier), List<int>> _byQualifier = [];
        private List<int>[] _policyDue = [];
        private List<int>[] _policyPast = [];
        private readonly Stack<List<int>> _spare = new();
        private Instant _overdueBy = Instant.MinValue;
        private Instant _policyPastBy = Instant.MinValue;

        public bool Built { get; private set; }

        public void Build(Slot[] slots, int count)
        {
            WorkMeter.Add(count);
            Built = true;
            for (var i = 0; i < count; i++)
            {
                if (slots[i].IsOpen)
                {
                    Add(i, slots[i]);
                }
            }
        }

        public void Reset()
        {
            if (!Built)
            {
                return;
            }

            Built = false;
            foreach (var list in _due)
            {
                list.Clear();
            }

            foreach (var list in _overdue)
            {
                list.Clear();
            }

            foreach (var list in _byQualifier.Values)
            {
                list.Clear();
                _spare.Push(list);
            }

            _byQualifier.Clear();
            foreach (var list in _policyDue)
            {
                list.Clear();
            }

            foreach (var list in _policyPast)
            {
                list.Clear();
            }

            _overdueBy = _policyPastBy = Instant.MinValue;
        }

        public void Add(int index, in Slot slot)
        {
            _due[(int)slot.Kind].Add(index);
            var key = (slot.Kind, slot.MatchedBy);
            if (!_byQualifier.TryGetValue(key, out var list))
            {
                list = _spare.TryPop(out var spare) ? spare : [];
                _byQualifier.Add(key, list);
            }

            list.Add(index);
            if (slot.EscalationPolicy >= 0)
            {
                if (slot.EscalationPolicy >= _policyDue.Length)
                {
                    var grown = Math.Max(slot.EscalationPolicy + 1, _policyDue.Length * 2);
                    _policyDue = [.. _policyDue, .. NewLists(grown - _policyDue.Length)];
                    _policyPast = [.. _policyPast, .. NewLists(grown - _policyPast.Length)];
                }

                _policyDue[slot.EscalationPolicy].Add(index);
            }
        }

        /// <summary>Meets, at <paramref name="at"/>, every open slot of <paramref name="kind"/> and
        /// <paramref name="qualifier"/> (for a page, its key).</summary>
        public void Meet(Slot[] slots, ObligationKind kind, string? qualifier, Instant at)
        {
            if (_byQualifier.TryGetValue((kind, qualifier), out var list))
            {
                WorkMeter.Add(list.Count);
                foreach (var index in list)
                {
                    if (slots[index].IsOpen)
                    {
                        slots[index].MetAt = at;
                    }
                }

                list.Clear();
            }
        }

        /// <summary>Cancels, at <paramref name="at"/>, the open slots of the kinds in <paramref name="kinds"/> due after it,
        /// or whenever due when <paramref name="includeOverdue"/>.</summary>
        public void CancelOpen(Slot[] slots, Instant at, bool includeOverdue, int kinds)
        {
            var timeWentBack = at < _overdueBy;
            for (var kind = 0; kind < KindCount; kind++)
            {
                if ((kinds & (1 << kind)) == 0)
                {
                    continue;
                }

                var due = _due[kind];
                var overdue = _overdue[kind];
                if (includeOverdue || timeWentBack)
                {
                    due.AddRange(overdue);
                    overdue.Clear();
                }

                Sweep(slots, due, overdue, at, includeOverdue ? Cancel.All : Cancel.DueAfter);
            }

            if (!includeOverdue)
            {
                _overdueBy = Instant.Max(_overdueBy, at);
            }
        }

        /// <summary>Cancels, at <paramref name="at"/>, the open pages of escalation policy <paramref name="policy"/> due
        /// at or after it.</summary>
        public void CancelPolicy(Slot[] slots, int policy, Instant at)
        {
            if (policy >= _policyDue.Length)
            {
                return;
            }

            var due = _policyDue[policy];
            var past = _policyPast[policy];
            if (at < _policyPastBy)
            {
                due.AddRange(past);
                past.Clear();
            }

            Sweep(slots, due, past, at, Cancel.DueAtOrAfter);
            _policyPastBy = Instant.Max(_policyPastBy, at);
        }

        private enum Cancel : byte
        {
            All,
            DueAfter,
            DueAtOrAfter,
        }

        /// <summary>Cancels the open slots in <paramref name="due"/> that <paramref name="cancel"/> names, moves the
        /// open ones it leaves (already due, so left by every later sweep) to <paramref name="past"/>, and empties
        /// <paramref name="due"/>.</summary>
        private static void Sweep(Slot[] slots, List<int> due, List<int> past, Instant at, Cancel cancel)
        {
            WorkMeter.Add(due.Count);
            foreach (var index in due)
            {
                ref var slot = ref slots[index];
                if (!slot.IsOpen)
                {
                    continue;
                }

                if (cancel == Cancel.All || slot.DueAt > at || (cancel == Cancel.DueAtOrAfter && slot.DueAt == at))
                {
                    slot.CancelledAt = at;
                }
                else
                {
                    past.Add(index);
                }
            }

            due.Clear();
        }

        private static List<int>[] NewLists(int count)
        {
            var lists = new List<int>[count];
            for (var i = 0; i < count; i++)
            {
                lists[i] = [];
            }

            return lists;
        }
    }
}
