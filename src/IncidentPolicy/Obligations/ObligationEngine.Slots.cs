using NodaTime;

namespace IncidentPolicy.Obligations;

/// <summary>
/// The engine's obligations: packed slots in planning order, planned, met and cancelled by scanning them — or, from
/// <see cref="IndexFrom"/> slots on, through <see cref="OpenSlots"/> — and stated in due order at the end.
/// </summary>
internal sealed partial class ObligationEngine
{
    /// <summary>By key set id: where that key set's count is in <see cref="FoldState.Instances"/>, plus one (0: not
    /// planned yet). Derived from the state: rebuilt after a restore, zeroed again by <see cref="ForgetInstances"/>.</summary>
    private int[] _instanceAt = new int[64];

    /// <summary>The slots, for a change: a kept fold's shared array is first copied.</summary>
    private Slot[] Writable()
    {
        var state = _state;
        if (state.SlotsShared)
        {
            var own = new Slot[Math.Max(state.Count * 2, 32)];
            Array.Copy(state.Slots, own, state.Count);
            state.Slots = own;
            state.SlotsShared = false;
        }

        return state.Slots;
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
        var state = _state;
        if (state.Count == slots.Length)
        {
            Array.Resize(ref state.Slots, state.Count * 2);
            slots = state.Slots;
        }

        var index = state.Count++;
        slots[index] = new Slot(keys.Get(rolling || n > 1 ? n : 0), kind, qualifier, due, ruleId, reason, escalationPolicy);
        if (_openSlots.Built)
        {
            _openSlots.Add(index, slots[index]);
        }

        return index;
    }

    /// <summary>Counts one more obligation of key set <paramref name="id"/>; returns how many there are now.</summary>
    private int CountInstance(int id)
    {
        if (id >= _instanceAt.Length)
        {
            Array.Resize(ref _instanceAt, Math.Max(id + 1, _instanceAt.Length * 2));
        }

        var instances = _state.Instances;
        var at = _instanceAt[id];
        if (at == 0)
        {
            instances.Add((id, 1));
            _instanceAt[id] = instances.Count;
            return 1;
        }

        var n = instances[at - 1].Count + 1;
        instances[at - 1] = (id, n);
        return n;
    }

    /// <summary>Rebuilds <see cref="_instanceAt"/> from the state's counts (after a restore).</summary>
    private void IndexInstances()
    {
        var instances = _state.Instances;
        for (var i = 0; i < instances.Count; i++)
        {
            var id = instances[i].KeyId;
            if (id >= _instanceAt.Length)
            {
                Array.Resize(ref _instanceAt, Math.Max(id + 1, _instanceAt.Length * 2));
            }

            _instanceAt[id] = i + 1;
        }
    }

    private void ForgetInstances()
    {
        foreach (var (id, _) in _state.Instances)
        {
            _instanceAt[id] = 0;
        }
    }

    private void Engage(string role, Instant at)
    {
        if (EngagedAt(role) is null)
        {
            _state.EngagedRoles.Add((role, at));
        }
    }

    private Instant? EngagedAt(string role)
    {
        foreach (var (engaged, at) in _state.EngagedRoles)
        {
            if (engaged == role)
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>Meets every open obligation of <paramref name="kind"/> and <paramref name="qualifier"/> — for a page or
    /// notification, <paramref name="qualifier"/> is its key.</summary>
    private void Meet(ObligationKind kind, string? qualifier, Instant at)
    {
        var slots = Writable();
        if (UseIndex())
        {
            _openSlots.Meet(slots, kind, qualifier, at);
            return;
        }

        var count = _state.Count;
        WorkMeter.Add(count);
        for (var i = 0; i < count; i++)
        {
            ref var slot = ref slots[i];
            if (slot.Kind == kind && slot.IsOpen && string.Equals(slot.MatchedBy, qualifier, StringComparison.Ordinal))
            {
                slot.MetAt = at;
            }
        }
    }

    private void MeetSlot(int index, Instant at)
    {
        if (index >= 0 && _state.Slots[index].IsOpen)
        {
            Writable()[index].MetAt = at;
        }
    }

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

        var count = _state.Count;
        WorkMeter.Add(count);
        for (var i = 0; i < count; i++)
        {
            ref var slot = ref slots[i];
            if (slot.IsOpen && (kinds & (1 << (int)slot.Kind)) != 0 && (includeOverdue || slot.DueAt > at))
            {
                slot.CancelledAt = at;
            }
        }
    }

    /// <summary>Cancels, at <paramref name="at"/>, the open pages of escalation policy <paramref name="policy"/> due at
    /// or after it.</summary>
    private void CancelPolicy(int policy, Instant at)
    {
        var slots = Writable();
        if (UseIndex())
        {
            _openSlots.CancelPolicy(slots, policy, at);
            return;
        }

        var count = _state.Count;
        WorkMeter.Add(count);
        for (var i = 0; i < count; i++)
        {
            ref var slot = ref slots[i];
            if (slot.EscalationPolicy == policy && slot.IsOpen && slot.DueAt >= at)
            {
                slot.CancelledAt = at;
            }
        }
    }

    /// <summary>An obligation while the events are folded: what it is, and whether (and when) it was met or cancelled.</summary>
    internal struct Slot(string key, ObligationKind kind, string? qualifier, Instant dueAt, string ruleId, string reason, int escalationPolicy)
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

        /// <summary>What an event names to meet it: a page's or notification's key, any other obligation's qualifier.</summary>
        public readonly string? MatchedBy => Kind == ObligationKind.Escalate ? Key : Qualifier;

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
