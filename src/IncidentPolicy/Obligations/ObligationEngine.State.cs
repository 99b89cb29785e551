using NodaTime;
using IncidentPolicy.Lifecycle;
using IncidentPolicy.Severities;

namespace IncidentPolicy.Obligations;

internal sealed partial class ObligationEngine
{
    /// <summary>
    /// Everything a fold has worked out so far, and nothing else: the obligations (as slots), how many of each key were
    /// planned, the roles engaged, the facts escalation conditions read and where each rule and escalation policy stands.
    /// A kept fold is a <see cref="Clone"/> of it, and continuing from a kept fold clones it back, so a field added here
    /// is kept and restored with the rest (FoldStateTests holds every field to that). What the engine derives from it to
    /// go faster — the index of open slots, the instance lookup, the conditions' facts, the next change of timed
    /// conditions — is not part of it, and is rebuilt after a restore.
    /// </summary>
    internal sealed class FoldState
    {
        /// <summary>The scalars, copied and reset by one assignment.</summary>
        public FoldValues Values = FoldValues.Initial;

        /// <summary>The obligations, in planning order; the first <see cref="Count"/> count. Shared with a kept fold
        /// (read-only) while <see cref="SlotsShared"/>: <see cref="Writable"/> copies them before the first change.</summary>
        public Slot[] Slots = new Slot[32];

        public int Count;

        public bool SlotsShared;

        /// <summary>How many obligations of each key set were planned (a key set's next instance is numbered after it),
        /// in order of first planning.</summary>
        public List<(int KeyId, int Count)> Instances = new(16);

        /// <summary>The roles engaged (acknowledging engages the on-call role), with when each first was.</summary>
        public List<(string Role, Instant At)> EngagedRoles = new(4);

        /// <summary>The latest value of each impact metric, as conditions read it.</summary>
        public Dictionary<string, decimal> Impacts = new(StringComparer.Ordinal);

        /// <summary>The flags raised, as conditions read them.</summary>
        public HashSet<string> Flags = new(StringComparer.Ordinal);

        /// <summary>By rule index: whether its condition held at the last check.</summary>
        public bool[] RuleHolds = new bool[8];

        /// <summary>By escalation policy index: whether it applied, and whether its stop condition held, at the last check.</summary>
        public bool[] PolicyApplies = new bool[8];

        public bool[] PolicyStopped = new bool[8];

        /// <summary>A copy that shares nothing this state may change: with <paramref name="shareSlots"/>, the slots are
        /// shared read-only (copied on the first change); otherwise they are copied to an array of their exact count.</summary>
        public FoldState Clone(bool shareSlots)
        {
            var copy = (FoldState)MemberwiseClone();
            copy.Slots = shareSlots ? Slots : Slots.AsSpan(0, Count).ToArray();
            copy.SlotsShared = shareSlots;
            copy.Instances = [.. Instances];
            copy.EngagedRoles = [.. EngagedRoles];
            copy.Impacts = new Dictionary<string, decimal>(Impacts, StringComparer.Ordinal);
            copy.Flags = new HashSet<string>(Flags, StringComparer.Ordinal);
            copy.RuleHolds = (bool[])RuleHolds.Clone();
            copy.PolicyApplies = (bool[])PolicyApplies.Clone();
            copy.PolicyStopped = (bool[])PolicyStopped.Clone();
            return copy;
        }

        /// <summary>Back to the state before any event, keeping the buffers (the thread's engine reuses them). The slots'
        /// strings belong to the policy's texts or to the last incident: left in the array, they are overwritten by the
        /// next evaluation, and clearing them would cost more than they keep alive.</summary>
        public void Reset()
        {
            Values = FoldValues.Initial;
            Count = 0;
            Instances.Clear();
            EngagedRoles.Clear();
            Impacts.Clear();
            Flags.Clear();
            Array.Clear(RuleHolds);
            Array.Clear(PolicyApplies);
            Array.Clear(PolicyStopped);
        }

        /// <summary>Makes the per-rule and per-policy arrays long enough for <paramref name="rules"/> and
        /// <paramref name="policies"/>.</summary>
        public void Fit(int rules, int policies)
        {
            if (RuleHolds.Length < rules)
            {
                RuleHolds = new bool[rules];
            }

            if (PolicyApplies.Length < policies)
            {
                PolicyApplies = new bool[policies];
                PolicyStopped = new bool[policies];
            }
        }
    }

    /// <summary>The fold's scalars: where the incident stands for the obligations (severity, what has happened, the
    /// rolling updates' slots), for escalation (the facts conditions see, how far time has been walked, what changed
    /// since the last check) and in its lifecycle.</summary>
    internal struct FoldValues
    {
        public static readonly FoldValues Initial = new() { NextExternal = -1, NextInternal = -1, Lifecycle = LifecycleState.Start, Holders = RoleResponses.Holders.None };

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

        /// <summary>The lifecycle state after the events folded so far (<see cref="Incident.StateAfter"/>).</summary>
        public LifecycleState Lifecycle;
        public Instant? AcknowledgedAt;
        public Instant? DeclaredAt;
        public Instant? LastUpdateAt;
        public Instant? ResolvedAt;

        /// <summary>Who holds which role so far (immutable, so copies share it).</summary>
        public RoleResponses.Holders Holders;

        /// <summary>Whether the alert has been folded (escalation runs from it).</summary>
        public bool Escalating;

        /// <summary>How far time has been walked.</summary>
        public Instant Cursor;

        /// <summary>What the events since the last check changed of the facts that rules and policies read.</summary>
        public FactReads Changed;
    }
}
