using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Testing;

public static partial class IncidentGen
{
    /// <summary>The most intents a generated history is driven by; a history has at most one more event (the alert).</summary>
    public const int MaxHistoryIntents = 40;

    private static readonly Gen<int> IntentMinutes = Gen.Frequency(
        (6, Gen.Choose(0, 10)),
        (3, Gen.Choose(10, 60)),
        (1, Gen.Choose(60, 12 * 60)),
        (1, Gen.Choose(12 * 60, 4 * 24 * 60)));

    // Progress carries most histories along the main path; the side exits are rare enough that closing is common.
    private static readonly Gen<IntentKind> IntentKinds = Gen.Frequency(
        (8, Gen.Constant(IntentKind.Progress)),
        (6, Gen.Elements(
            IntentKind.Acknowledge, IntentKind.Declare, IntentKind.AssignCommander, IntentKind.AssignRole,
            IntentKind.ChangeSeverity, IntentKind.ChangeSeverity, IntentKind.StatusUpdate, IntentKind.StatusUpdate,
            IntentKind.RecordImpact, IntentKind.RaiseFlag, IntentKind.Mitigate, IntentKind.Resolve, IntentKind.Reopen,
            IntentKind.Reopen, IntentKind.SchedulePostMortem, IntentKind.PublishPostMortem, IntentKind.AddActionItem,
            IntentKind.CompleteActionItem, IntentKind.Close, IntentKind.AddNote, IntentKind.RecordNotification,
            IntentKind.AssignCommander)),
        (1, Gen.Elements(IntentKind.Decline, IntentKind.Merge)));

    private static readonly Gen<HistoryIntent> Intents =
        from kind in IntentKinds
        from choice in Gen.Choose(0, 1000)
        from minutes in IntentMinutes
        select new HistoryIntent(kind, choice, minutes);

    private static Gen<HistoryPlan> Plans(ResponsePolicy policy) =>
        from start in Instants
        from severity in Gen.Frequency((1, Gen.Constant(-1)), (4, Gen.Choose(0, Math.Max(0, policy.Severities.Count - 1))))
        from count in Gen.Choose(0, MaxHistoryIntents)
        from intents in Gen.ArrayOf(Intents, count)
        select new HistoryPlan(start, severity, intents);

    /// <summary>
    /// Valid incident histories for <paramref name="policy"/>: event sequences its lifecycle accepts, built by driving
    /// <see cref="Incident.Apply"/> with commands chosen from what each state permits, keeping the accepted ones.
    /// Alerts fall anywhere in 2025–2028 (so the policy zone's DST changes are crossed), with or without a severity;
    /// steps come minutes to days apart with non-decreasing instants. Across many histories every status is reached
    /// — triggered to closed, declined and merged — with severity changes, commander hand-offs, role assignments,
    /// status updates, impacts and flags, reopening, post-mortems and action items.
    /// </summary>
    /// <remarks>This generator does not shrink; <see cref="IncidentArbitraries.Histories(ResponsePolicy)"/> does,
    /// keeping every shrunk history valid and making it shorter.</remarks>
    /// <param name="policy">The policy; any valid one.</param>
    /// <returns>The generator.</returns>
    public static Gen<IncidentHistory> Histories(ResponsePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var driver = new HistoryDriver(policy);
        return Plans(policy).Select(driver.Drive);
    }

    /// <summary>Shorter valid histories of the same policy: the plan's intents with a tail cut off or one intent left
    /// out, re-driven through <see cref="Incident.Apply"/>, keeping only those with fewer events.</summary>
    internal static IEnumerable<IncidentHistory> Shrink(IncidentHistory history)
    {
        var driver = new HistoryDriver(history.Policy);
        var plan = history.Plan;
        var intents = plan.Intents;
        var candidates = new List<IReadOnlyList<HistoryIntent>>();
        for (var keep = 0; keep < intents.Count; keep = keep == 0 ? 1 : keep * 2)
        {
            candidates.Add(intents.Take(keep).ToArray());
        }

        for (var i = intents.Count - 1; i >= 0; i--)
        {
            candidates.Add(intents.Where((_, j) => j != i).ToArray());
        }

        foreach (var candidate in candidates)
        {
            var shrunk = driver.Drive(plan with { Intents = candidate });
            if (shrunk.Steps.Count < history.Steps.Count)
            {
                yield return shrunk;
            }
        }
    }
}
