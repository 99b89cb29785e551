using NodaTime;
using IncidentPolicy.Escalation;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Obligations;

/// <summary>
/// Escalation, plainly: each conditional rule owes one notification every time its condition starts to hold (while
/// the incident is open); each escalation policy, when it starts to apply, owes its plan of pages, and what of it is
/// still pending when its stop condition comes to hold is cancelled. Conditions read the incident's facts as of the
/// instant; between events, time is walked from one instant at which a condition changes to the next.
/// </summary>
internal sealed partial class ObligationFold
{
    private Instant? _acknowledgedAt;
    private Instant? _declaredAt;
    private Instant? _lastUpdateAt;
    private Instant? _resolvedAt;
    private readonly Dictionary<string, decimal> _impacts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    /// <summary>Whether the alert has been folded, and how far time has been walked since.</summary>
    private bool _escalating;
    private Instant _cursor;

    /// <summary>By rule: whether its condition held when last looked at; by escalation policy: whether it applied and
    /// whether its stop condition held.</summary>
    private readonly bool[] _ruleHolds;
    private readonly bool[] _policyApplies;
    private readonly bool[] _policyStopped;

    private void StartEscalation(Instant at)
    {
        _escalating = true;
        _cursor = at;
        Array.Clear(_ruleHolds);
        Array.Clear(_policyApplies);
        Array.Clear(_policyStopped);
    }

    /// <summary>The facts as conditions read them now.</summary>
    private IncidentFacts Facts() => new(
        _policy.Severities, Incident.StatusOf(_lifecycle), _alertAt, _severity, _acknowledgedAt, _declaredAt, _lastUpdateAt, _resolvedAt, _impacts, _flags);

    /// <summary>Walks time to <paramref name="until"/>, looking at every rule and policy at each instant on the way at
    /// which a condition changes.</summary>
    private void WalkTo(Instant until)
    {
        if (!_escalating)
        {
            return;
        }

        while (NextEscalationChange(_cursor) is { } change && change <= until)
        {
            CheckEscalation(change);
            _cursor = change;
        }

        _cursor = Instant.Max(_cursor, until);
    }

    /// <summary>The first instant after <paramref name="after"/> at which a rule's condition or a policy's
    /// applicability changes with time alone (a stop condition never does).</summary>
    private Instant? NextEscalationChange(Instant after)
    {
        if (!_escalating)
        {
            return null;
        }

        var facts = Facts();
        Instant? earliest = null;
        foreach (var condition in _policy.Escalation.Rules.Select(r => r.When).Concat(_policy.Escalation.Policies.Select(p => p.AppliesTo)))
        {
            if (condition.NextChange(facts, after) is { } change && (earliest is null || change < earliest))
            {
                earliest = change;
            }
        }

        return earliest;
    }

    /// <summary>Looks at every rule and escalation policy at <paramref name="at"/>.</summary>
    private void CheckEscalation(Instant at)
    {
        if (!_escalating)
        {
            return;
        }

        var facts = Facts();
        var open = !_resolved && !_finished;
        var rules = _policy.Escalation.Rules;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var holds = rule.When.HoldsAt(facts, at);
            if (holds && !_ruleHolds[i] && open)
            {
                Plan(ObligationKind.Escalate, rule.Id, at, ObligationTexts.EscalationRuleId(rule.Id),
                    ObligationTexts.RuleReason(rule, ObligationTexts.Who(_policy, rule.Target, at)), rolling: true);
            }

            _ruleHolds[i] = holds;
        }

        var policies = _policy.Escalation.Policies;
        for (var i = 0; i < policies.Count; i++)
        {
            var policy = policies[i];
            var applies = policy.AppliesTo.HoldsAt(facts, at);
            var stopped = policy.HasStopped(facts);
            if (applies && !_policyApplies[i] && open && !stopped)
            {
                foreach (var (level, round, target, dueAt) in policy.Plan(at))
                {
                    Plan(ObligationKind.Escalate, ObligationTexts.StepQualifier(policy, level, target), dueAt, ObligationTexts.EscalationRuleId(policy.Id),
                        ObligationTexts.StepReason(policy, level, round, ObligationTexts.Who(_policy, target, dueAt)), rolling: true)?.EscalationPolicy = i;
                }
            }

            if (stopped && !_policyStopped[i])
            {
                // A page due at the very instant the stop condition comes to hold is not owed either.
                foreach (var owed in _owed)
                {
                    if (owed.EscalationPolicy == i && owed.IsOpen && owed.DueAt >= at)
                    {
                        owed.CancelledAt = at;
                    }
                }
            }

            _policyApplies[i] = applies;
            _policyStopped[i] = stopped;
        }
    }
}
