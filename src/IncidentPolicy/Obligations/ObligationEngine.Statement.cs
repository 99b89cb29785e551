using NodaTime;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Obligations;

/// <summary>
/// Stating the slots at an instant: each one's <see cref="ObligationState"/>, in due order, and the next wake-up.
/// </summary>
internal sealed partial class ObligationEngine
{
    private Evaluation State(Incident incident, Instant now)
    {
        var count = _state.Count;
        var slots = _state.Slots;
        var order = count <= 256 ? stackalloc int[count] : new int[count];
        Order(order);
        var obligations = new Obligation[count];
        Instant? wakeUp = null;
        var grace = _policy.Escalation.DispatchGrace;
        for (var i = 0; i < order.Length; i++)
        {
            ref readonly var slot = ref slots[order[i]];
            var state = StateOf(slot, now, grace, out var lateBy);
            if (state == ObligationState.Pending)
            {
                var wake = slot.DueAt > now ? slot.DueAt : slot.DueAt + grace;
                wakeUp = wakeUp is { } w && w <= wake ? w : wake;
            }

            obligations[i] = ObligationOf(slot, state, lateBy);
        }

        if (!Fold.Resolved && !Fold.Finished && NextEscalationChange(now) is { } change && (wakeUp is null || change < wakeUp))
        {
            wakeUp = change;
        }

        return new Evaluation(incident, now, Array.AsReadOnly(obligations), wakeUp);
    }

    /// <summary>Counts the slots by state at <paramref name="now"/>.</summary>
    private void CountSlots(Instant now, Span<int> met, Span<int> metLate, Span<int> overdue)
    {
        var count = _state.Count;
        var slots = _state.Slots;
        WorkMeter.Add(count);
        var grace = _policy.Escalation.DispatchGrace;
        for (var i = 0; i < count; i++)
        {
            ref readonly var slot = ref slots[i];
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

        order.Sort(new SlotOrder(_state.Slots));
    }

    private readonly struct SlotOrder(Slot[] slots) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var byDue = slots[x].DueAt.CompareTo(slots[y].DueAt);
            if (byDue == 0)
            {
                byDue = string.CompareOrdinal(slots[x].Key, slots[y].Key);
            }

            return byDue != 0 ? byDue : x.CompareTo(y);
        }
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
}
