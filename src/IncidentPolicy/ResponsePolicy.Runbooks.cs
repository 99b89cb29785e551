using IncidentPolicy.Escalation;
using IncidentPolicy.Runbooks;

namespace IncidentPolicy;

public sealed partial class ResponsePolicy
{
    /// <summary>The runbooks, in order; none unless set. The seed's (<see cref="Default"/>) is "Checkout Error Rate
    /// Spike" (service <c>checkout</c>, alert tag <c>checkout-error-rate</c>).</summary>
    public IReadOnlyList<Runbook> Runbooks { get; private set; } = [];

    /// <summary>A copy of this policy with other runbooks.</summary>
    /// <param name="runbooks">The new runbooks; an empty list for none.</param>
    /// <returns>The validated copy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="runbooks"/> or one of them is null.</exception>
    /// <exception cref="PolicyValidationException">Two runbooks share an id, or an escalation rule names a role or
    /// severity the policy does not have (paths <c>$.runbooks[1].id</c>,
    /// <c>$.runbooks[0].escalation[0].rule.target.id</c>).</exception>
    public ResponsePolicy WithRunbooks(IEnumerable<Runbook> runbooks)
    {
        ArgumentNullException.ThrowIfNull(runbooks);
        var list = runbooks.ToList();
        if (list.Any(r => r is null))
        {
            throw new ArgumentNullException(nameof(runbooks), "A runbook is null.");
        }

        return With(copy => copy.Runbooks = list.AsReadOnly());
    }

    /// <summary>The runbooks for an incident of <paramref name="service"/> or raised with one of
    /// <paramref name="alertTags"/>, in policy order; see <see cref="Runbook.Matches"/>.</summary>
    /// <param name="service">The incident's service, or <see langword="null"/> when unknown.</param>
    /// <param name="alertTags">The alert's tags.</param>
    /// <returns>The matching runbooks; empty when none matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="alertTags"/> is null.</exception>
    public IReadOnlyList<Runbook> FindRunbooks(string? service, IEnumerable<string> alertTags)
    {
        ArgumentNullException.ThrowIfNull(alertTags);
        var tags = alertTags.ToList();
        return Runbooks.Where(r => r.Matches(service, tags)).ToList().AsReadOnly();
    }

    private void ValidateRunbooks(ProblemList problems)
    {
        var roles = Roles.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        EscalationIds.CheckUnique(Runbooks.Select((r, i) => ((string?)r.Id, $"$.runbooks[{i}]")), problems);
        for (var i = 0; i < Runbooks.Count; i++)
        {
            for (var j = 0; j < Runbooks[i].Escalation.Count; j++)
            {
                var rule = Runbooks[i].Escalation[j].Rule;
                var path = $"$.runbooks[{i}].escalation[{j}].rule";
                rule.When.Walk(path + ".when", (leafPath, leaf) =>
                {
                    if (leaf is SeverityAtLeastCondition s && !Severities.TryGet(s.SeverityId, out _))
                    {
                        problems.Add(leafPath, UnknownSeverityReason(s.SeverityId, Severities.Select(l => l.Id)));
                    }
                });
                if (rule.Target.Kind == EscalationTargetKind.Role && !roles.Contains(rule.Target.Id))
                {
                    problems.Add(path + ".target.id", UnknownRoleReason(rule.Target.Id, roles));
                }
                else if (rule.Target.Kind == EscalationTargetKind.Schedule && FindSchedule(rule.Target.Id) is null)
                {
                    problems.Add(path + ".target.id", $"unknown schedule '{rule.Target.Id}'");
                }
            }
        }
    }
}
