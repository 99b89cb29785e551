using NodaTime;
using IncidentPolicy.Severities;

namespace IncidentPolicy.Obligations;

internal sealed partial class ObligationEngine
{
    /// <summary>
    /// The engine's state after folding every event of an incident under one policy, kept on the incident
    /// (<see cref="Lifecycle.Incident.EvaluationCache"/>) so that a later evaluation restores it instead of folding
    /// again. Immutable once captured (nothing writes its arrays), so any number of threads may restore from it.
    /// </summary>
    private sealed class Folded
    {
        public required ResponsePolicy Policy { get; init; }

        public required Slot[] Slots { get; init; }

        /// <summary>The slots' indexes by due instant, then key.</summary>
        public required int[] Order { get; init; }

        /// <summary>By slot index, the obligation of each slot already met or cancelled — final, whatever the
        /// evaluation instant — built once and shared by every evaluation that restores this fold.</summary>
        public required Obligation?[] Settled { get; init; }

        public required (ObligationTexts.KeySet Keys, int Count)[] Instances { get; init; }

        public required (string Role, Instant At)[] EngagedRoles { get; init; }

        public SeverityLevel? Severity { get; init; }

        public Instant AlertAt { get; init; }

        public bool Acknowledged { get; init; }

        public bool Declared { get; init; }

        public bool HasCommander { get; init; }

        public bool Resolved { get; init; }

        public bool Finished { get; init; }

        public Instant? LastExternalUpdate { get; init; }

        public int NextExternal { get; init; }

        public int NextInternal { get; init; }

        // Escalation progress and the facts its conditions see.
        public KeyValuePair<string, decimal>[]? Impacts { get; init; }

        public string[]? Flags { get; init; }

        public required bool[] RuleHolds { get; init; }

        public required bool[] PolicyApplies { get; init; }

        public required bool[] PolicyStopped { get; init; }

        public IncidentStatus Status { get; init; }

        public Instant? AcknowledgedAt { get; init; }

        public Instant? DeclaredAt { get; init; }

        public Instant? LastUpdateAt { get; init; }

        public Instant? ResolvedAt { get; init; }

        public bool Escalating { get; init; }

        public Instant Cursor { get; init; }

        public bool FactsChanged { get; init; }
    }

    private Folded Capture() => new()
    {
        Policy = _policy,
        Slots = _slots.AsSpan(0, _count).ToArray(),
        Order = OrderOfSlots(),
        Settled = SettledObligations(),
        Instances = [.. _instances],
        EngagedRoles = [.. _engagedRoles],
        Severity = _severity,
        AlertAt = _alertAt,
        Acknowledged = _acknowledged,
        Declared = _declared,
        HasCommander = _hasCommander,
        Resolved = _resolved,
        Finished = _finished,
        LastExternalUpdate = _lastExternalUpdate,
        NextExternal = _nextExternal,
        NextInternal = _nextInternal,
        Impacts = _impacts.Count == 0 ? null : [.. _impacts],
        Flags = _flags.Count == 0 ? null : [.. _flags],
        RuleHolds = [.. _ruleHolds],
        PolicyApplies = [.. _policyApplies],
        PolicyStopped = [.. _policyStopped],
        Status = _status,
        AcknowledgedAt = _acknowledgedAt,
        DeclaredAt = _declaredAt,
        LastUpdateAt = _lastUpdateAt,
        ResolvedAt = _resolvedAt,
        Escalating = _escalating,
        Cursor = _cursor,
        FactsChanged = _factsChanged,
    };

    private Obligation?[] SettledObligations()
    {
        var settled = new Obligation?[_count];
        var grace = _policy.Escalation.DispatchGrace;
        for (var i = 0; i < _count; i++)
        {
            ref readonly var slot = ref _slots[i];
            if (!slot.IsOpen)
            {
                // Met, met late or cancelled: the instant of evaluation no longer matters.
                settled[i] = ObligationOf(slot, StateOf(slot, Instant.MaxValue, grace, out var lateBy), lateBy);
            }
        }

        return settled;
    }

    private int[] OrderOfSlots()
    {
        var order = new int[_count];
        Order(order);
        return order;
    }

    /// <summary>Continues from <paramref name="folded"/> exactly as the engine that captured it would have; called
    /// right after <see cref="Start"/> with the same policy.</summary>
    private void Restore(Folded folded)
    {
        // Shared, not copied: nothing writes a kept fold's slots (Writable copies them first).
        _slots = folded.Slots;
        _shared = true;
        _count = folded.Slots.Length;
        _order = folded.Order;
        _settled = folded.Settled;
        _instances.AddRange(folded.Instances);
        _engagedRoles.AddRange(folded.EngagedRoles);
        _severity = folded.Severity;
        _alertAt = folded.AlertAt;
        _acknowledged = folded.Acknowledged;
        _declared = folded.Declared;
        _hasCommander = folded.HasCommander;
        _resolved = folded.Resolved;
        _finished = folded.Finished;
        _lastExternalUpdate = folded.LastExternalUpdate;
        _nextExternal = folded.NextExternal;
        _nextInternal = folded.NextInternal;
        foreach (var (metric, value) in folded.Impacts ?? [])
        {
            _impacts[metric] = value;
        }

        if (folded.Flags is { } flags)
        {
            _flags.UnionWith(flags);
        }

        _ruleHolds.AddRange(folded.RuleHolds);
        _policyApplies.AddRange(folded.PolicyApplies);
        _policyStopped.AddRange(folded.PolicyStopped);
        _status = folded.Status;
        _acknowledgedAt = folded.AcknowledgedAt;
        _declaredAt = folded.DeclaredAt;
        _lastUpdateAt = folded.LastUpdateAt;
        _resolvedAt = folded.ResolvedAt;
        _escalating = folded.Escalating;
        _cursor = folded.Cursor;
        _factsChanged = folded.FactsChanged;

        // The scratch facts are refreshed from these values before a condition looks at them.
        _factsStale = true;
        _nextChangeKnown = false;
        _nextChange = null;
    }
}
