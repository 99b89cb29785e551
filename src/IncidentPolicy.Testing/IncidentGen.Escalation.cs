using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Escalation;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Testing;

public static partial class IncidentGen
{
    /// <summary>The alert instant of <see cref="Facts"/>: 2026-05-29T04:02Z, the seed's checkout outage.</summary>
    public static Instant FactsAlert { get; } = Instant.FromUtc(2026, 5, 29, 4, 2);

    private static readonly string[] ImpactMetrics = ["revenueLoss", "paymentFailureRate"];
    private static readonly string[] FlagNames = ["dataBreachSuspected", "checkoutDown"];

    private static readonly Gen<decimal> ImpactValues = Gen.Choose(-4, 40).Select(v => v / 2m);

    // Whole minutes, so that a minute-by-minute scan sees every threshold.
    private static readonly Gen<Duration> WholeMinutes = Gen.Choose(0, 90).Select(m => Duration.FromMinutes(m));

    private static readonly Gen<Instant?> MaybeMilestone =
        Gen.OneOf(Gen.Constant((Instant?)null), Gen.Choose(0, 120).Select(m => (Instant?)(FactsAlert + Duration.FromMinutes(m))));

    /// <summary>Facts of an incident alerted at <see cref="FactsAlert"/> on the default severity scale: any status,
    /// severity or none, milestones within two hours of the alert, <c>revenueLoss</c> and <c>paymentFailureRate</c>
    /// impacts, <c>dataBreachSuspected</c> and <c>checkoutDown</c> flags. The facts need not be consistent with each
    /// other: conditions must answer for any.</summary>
    public static Gen<IncidentFacts> Facts { get; } =
        from status in Gen.Elements(Enum.GetValues<IncidentStatus>())
        from severity in Gen.Elements(ResponsePolicy.Default.Severities.Select(l => (SeverityLevel?)l).Append(null).ToArray())
        from acknowledged in MaybeMilestone
        from declared in MaybeMilestone
        from lastUpdate in MaybeMilestone
        from resolved in MaybeMilestone
        from impacts in Gen.SubListOf(ImpactMetrics)
        from values in Gen.ArrayOf(ImpactValues, 2)
        from flags in Gen.SubListOf(FlagNames)
        select new IncidentFacts(
            ResponsePolicy.Default.Severities, status, FactsAlert, severity, acknowledged, declared, lastUpdate, resolved,
            impacts.Select((m, i) => (m, values[i])).ToDictionary(p => p.m, p => p.Item2), flags);

    private static Gen<Condition> Leaf(IReadOnlyList<string> severityIds, bool impactOnly)
    {
        var impact = Gen.OneOf(
            from metric in Gen.Elements(ImpactMetrics)
            from value in ImpactValues
            select (Condition)Condition.ImpactAbove(metric, value),
            from metric in Gen.Elements(ImpactMetrics)
            from value in ImpactValues
            select (Condition)Condition.ImpactBelow(metric, value),
            Gen.Elements(FlagNames).Select(f => (Condition)Condition.FlagRaised(f)));
        if (impactOnly || severityIds.Count == 0)
        {
            return impact;
        }

        var elapsed =
            from anchor in Gen.Elements(Enum.GetValues<ElapsedAnchor>())
            from atLeast in WholeMinutes
            select (Condition)Condition.ElapsedSince(anchor, atLeast);
        return Gen.OneOf(
            impact,
            elapsed,
            elapsed,
            Gen.SubListOf(Enum.GetValues<IncidentStatus>()).Where(s => s.Count > 0).Select(s => (Condition)Condition.StatusIn(s)),
            Gen.Elements(severityIds.ToArray()).Select(id => (Condition)Condition.SeverityAtLeast(id)));
    }

    /// <summary>Condition trees up to <paramref name="depth"/> composites (<c>all</c>, <c>any</c>, <c>not</c>) deep over
    /// every leaf kind: elapsed time since each anchor, status sets, severity thresholds, impact thresholds and flags.</summary>
    /// <param name="depth">How many composite levels at most; 0 for leaves only.</param>
    /// <param name="severityIds">The severity ids leaves may name; when empty, only impact and flag leaves.</param>
    /// <param name="impactOnly">Only impact and flag leaves, as a severity-suggestion matrix allows.</param>
    /// <returns>The generator.</returns>
    public static Gen<Condition> Conditions(int depth, IReadOnlyList<string> severityIds, bool impactOnly = false)
    {
        ArgumentNullException.ThrowIfNull(severityIds);
        var leaf = Leaf(severityIds, impactOnly);
        if (depth <= 0)
        {
            return leaf;
        }

        var inner = Conditions(depth - 1, severityIds, impactOnly);
        var parts = from count in Gen.Choose(1, 3) from list in Gen.ArrayOf(inner, count) select list;
        return Gen.OneOf(
            leaf,
            parts.Select(p => (Condition)Condition.All(p)),
            parts.Select(p => (Condition)Condition.Any(p)),
            inner.Select(c => (Condition)Condition.Not(c)));
    }

    private static Gen<EscalationTarget> EscalationTargets(IReadOnlyList<string> roleIds) =>
        roleIds.Count == 0
            ? Gen.Choose(1, 3).Select(i => EscalationTarget.ForPerson($"person-{i}"))
            : Gen.OneOf(Gen.Elements(roleIds.ToArray()).Select(EscalationTarget.ForRole), Gen.Choose(1, 3).Select(i => EscalationTarget.ForPerson($"person-{i}")));

    private static Gen<EscalationLevel> EscalationLevels(IReadOnlyList<string> roleIds) =>
        from delay in WholeMinutes
        from count in Gen.Choose(1, 3)
        from targets in Gen.ArrayOf(EscalationTargets(roleIds), count)
        select new EscalationLevel(delay, targets.Distinct());

    private static Gen<EscalationPolicy> EscalationPolicies(int index, IReadOnlyList<string> roleIds, IReadOnlyList<string> severityIds) =>
        from appliesTo in Conditions(2, severityIds)
        from count in Gen.Choose(1, 3)
        from levels in Gen.ArrayOf(EscalationLevels(roleIds), count)
        from stop in Gen.Elements(Enum.GetValues<EscalationStop>())
        from repeats in Gen.Choose(0, 3)
        from repeatAfter in Gen.Choose(1, 60)
        select new EscalationPolicy($"policy-{index}", appliesTo, levels, stop, repeats, repeats == 0 ? null : Duration.FromMinutes(repeatAfter));

    private static Gen<EscalationRule> EscalationRules(int index, IReadOnlyList<string> roleIds, IReadOnlyList<string> severityIds) =>
        from when in Conditions(3, severityIds)
        from action in Gen.Elements(Enum.GetValues<EscalationAction>())
        from target in EscalationTargets(roleIds)
        select new EscalationRule($"rule-{index}", when, action, target);

    /// <summary>Valid escalation sections for a policy with these roles and severities: a dispatch grace of 0–5 min,
    /// up to two escalation policies (one to three levels, any stop condition, up to three repeats) and up to three
    /// conditional rules, targeting the roles or people <c>person-1</c> to <c>person-3</c>.</summary>
    /// <param name="roleIds">The policy's role ids.</param>
    /// <param name="severityIds">The policy's severity ids.</param>
    /// <returns>The generator.</returns>
    public static Gen<EscalationSettings> EscalationSections(IReadOnlyList<string> roleIds, IReadOnlyList<string> severityIds)
    {
        ArgumentNullException.ThrowIfNull(roleIds);
        ArgumentNullException.ThrowIfNull(severityIds);
        return from grace in Gen.Choose(0, 300).Select(s => Duration.FromSeconds(s))
               from policyCount in Gen.Choose(0, 2)
               from policies in Gen.CollectToArray(Enumerable.Range(0, policyCount).Select(i => EscalationPolicies(i, roleIds, severityIds)))
               from ruleCount in Gen.Choose(0, 3)
               from rules in Gen.CollectToArray(Enumerable.Range(0, ruleCount).Select(i => EscalationRules(i, roleIds, severityIds)))
               select new EscalationSettings(grace, policies, rules);
    }

    /// <summary>Valid severity-suggestion matrices of up to four rules over impacts and flags for these severity ids.</summary>
    /// <param name="severityIds">The policy's severity ids; at least one.</param>
    /// <returns>The generator.</returns>
    public static Gen<SeverityMatrix> SeverityMatrices(IReadOnlyList<string> severityIds)
    {
        ArgumentNullException.ThrowIfNull(severityIds);
        return from count in Gen.Choose(0, 4)
               from rules in Gen.CollectToArray(Enumerable.Range(0, count).Select(i =>
                   from when in Conditions(2, severityIds, impactOnly: true)
                   from severity in Gen.Elements(severityIds.ToArray())
                   select new SeverityRule($"severity-rule-{i}", when, severity)))
               select new SeverityMatrix(rules);
    }
}
