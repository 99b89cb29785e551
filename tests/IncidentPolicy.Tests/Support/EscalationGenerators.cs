using FsCheck;
using FsCheck.Fluent;
using IncidentPolicy.Escalation;
using IncidentPolicy.Severities;
using NodaTime;

namespace IncidentPolicy.Tests.Support;

/// <summary>FsCheck generators for incident facts, conditions and escalation sections.</summary>
internal static class EscalationGenerators
{
    public static readonly Instant Alert = Instant.FromUtc(2026, 5, 29, 4, 2);
    public static readonly SeverityScale Scale = ResponsePolicy.Default.Severities;
    private static readonly string[] Metrics = ["revenueLoss", "paymentFailureRate"];
    private static readonly string[] FlagNames = ["dataBreachSuspected", "checkoutDown"];

    private static readonly Gen<decimal> Values = Gen.Choose(-4, 40).Select(v => v / 2m);

    // Whole minutes, so that a minute-by-minute scan sees every threshold.
    private static readonly Gen<Duration> Minutes = Gen.Choose(0, 90).Select(m => Duration.FromMinutes(m));

    private static readonly Gen<Instant?> MaybeInstant =
        Gen.OneOf(Gen.Constant((Instant?)null), Gen.Choose(0, 120).Select(m => (Instant?)(Alert + Duration.FromMinutes(m))));

    /// <summary>Facts of an incident alerted at <see cref="Alert"/> on the default scale, milestones within two hours.</summary>
    public static readonly Gen<IncidentFacts> Facts =
        from status in Gen.Elements(Enum.GetValues<IncidentStatus>())
        from severity in Gen.Elements(Scale.Select(l => (SeverityLevel?)l).Append(null).ToArray())
        from acknowledged in MaybeInstant
        from declared in MaybeInstant
        from lastUpdate in MaybeInstant
        from resolved in MaybeInstant
        from impacts in Gen.SubListOf(Metrics)
        from values in Gen.ArrayOf(Values, 2)
        from flags in Gen.SubListOf(FlagNames)
        select new IncidentFacts(
            Scale, status, Alert, severity, acknowledged, declared, lastUpdate, resolved,
            impacts.Select((m, i) => (m, values[i])).ToDictionary(p => p.m, p => p.Item2), flags);

    private static Gen<Condition> Leaf(string[] severityIds, bool impactOnly)
    {
        var impact = Gen.OneOf(
            from metric in Gen.Elements(Metrics)
            from value in Values
            select (Condition)Condition.ImpactAbove(metric, value),
            from metric in Gen.Elements(Metrics)
            from value in Values
            select (Condition)Condition.ImpactBelow(metric, value),
            Gen.Elements(FlagNames).Select(f => (Condition)Condition.FlagRaised(f)));
        if (impactOnly || severityIds.Length == 0)
        {
            return impact;
        }

        return Gen.OneOf(
            impact,
            from anchor in Gen.Elements(Enum.GetValues<ElapsedAnchor>())
            from atLeast in Minutes
            select (Condition)Condition.ElapsedSince(anchor, atLeast),
            from anchor in Gen.Elements(Enum.GetValues<ElapsedAnchor>())
            from atLeast in Minutes
            select (Condition)Condition.ElapsedSince(anchor, atLeast),
            Gen.SubListOf(Enum.GetValues<IncidentStatus>()).Where(s => s.Count > 0).Select(s => (Condition)Condition.StatusIn(s)),
            Gen.Elements(severityIds).Select(id => (Condition)Condition.SeverityAtLeast(id)));
    }

    /// <summary>Condition trees up to <paramref name="depth"/> composites deep.</summary>
    public static Gen<Condition> Conditions(int depth, string[] severityIds, bool impactOnly = false)
    {
        var leaf = Leaf(severityIds, impactOnly);
        if (depth == 0)
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

    private static Gen<EscalationTarget> Targets(string[] roleIds) =>
        roleIds.Length == 0
            ? Gen.Choose(1, 3).Select(i => EscalationTarget.ForPerson($"person-{i}"))
            : Gen.OneOf(Gen.Elements(roleIds).Select(EscalationTarget.ForRole), Gen.Choose(1, 3).Select(i => EscalationTarget.ForPerson($"person-{i}")));

    private static Gen<EscalationLevel> Levels(string[] roleIds) =>
        from delay in Minutes
        from count in Gen.Choose(1, 3)
        from targets in Gen.ArrayOf(Targets(roleIds), count)
        select new EscalationLevel(delay, targets.Distinct());

    private static Gen<EscalationPolicy> Policies(int index, string[] roleIds, string[] severityIds) =>
        from appliesTo in Conditions(2, severityIds)
        from count in Gen.Choose(1, 3)
        from levels in Gen.ArrayOf(Levels(roleIds), count)
        from stop in Gen.Elements(Enum.GetValues<EscalationStop>())
        from repeats in Gen.Choose(0, 3)
        from repeatAfter in Gen.Choose(1, 60)
        select new EscalationPolicy($"policy-{index}", appliesTo, levels, stop, repeats, repeats == 0 ? null : Duration.FromMinutes(repeatAfter));

    private static Gen<EscalationRule> Rules(int index, string[] roleIds, string[] severityIds) =>
        from when in Conditions(3, severityIds)
        from action in Gen.Elements(Enum.GetValues<EscalationAction>())
        from target in Targets(roleIds)
        select new EscalationRule($"rule-{index}", when, action, target);

    /// <summary>Valid escalation sections for a policy with these roles and severities.</summary>
    public static Gen<EscalationSettings> Settings(string[] roleIds, string[] severityIds) =>
        from grace in Gen.Choose(0, 300).Select(s => Duration.FromSeconds(s))
        from policyCount in Gen.Choose(0, 2)
        from policies in Gen.CollectToArray(Enumerable.Range(0, policyCount).Select(i => Policies(i, roleIds, severityIds)))
        from ruleCount in Gen.Choose(0, 3)
        from rules in Gen.CollectToArray(Enumerable.Range(0, ruleCount).Select(i => Rules(i, roleIds, severityIds)))
        select new EscalationSettings(grace, policies, rules);

    /// <summary>Valid severity matrices for a scale with these severity ids.</summary>
    public static Gen<SeverityMatrix> Matrices(string[] severityIds) =>
        from count in Gen.Choose(0, 4)
        from rules in Gen.CollectToArray(Enumerable.Range(0, count).Select(i =>
            from when in Conditions(2, severityIds, impactOnly: true)
            from severity in Gen.Elements(severityIds)
            select new SeverityRule($"severity-rule-{i}", when, severity)))
        select new SeverityMatrix(rules);
}
