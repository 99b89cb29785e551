using IncidentPolicy.Escalation;

namespace IncidentPolicy;

public sealed partial class ResponsePolicy
{
    /// <summary>The escalation section: escalation policies, conditional rules and the dispatch grace. Unless set,
    /// <see cref="EscalationSettings.None"/>: nobody is paged.</summary>
    public EscalationSettings Escalation { get; private set; }

    /// <summary>The severity-suggestion matrix. Unless set, <see cref="SeverityMatrix.None"/>.</summary>
    public SeverityMatrix SeverityMatrix { get; private set; }

    /// <summary>A copy of this policy with another escalation section.</summary>
    /// <param name="escalation">The new section.</param>
    /// <returns>The validated copy.</returns>
    /// <exception cref="PolicyValidationException">The section names a role or severity the policy does not have
    /// (paths such as <c>$.escalation.rules[0].target.id</c>, <c>$.escalation.rules[0].when.all[0].severityAtLeast</c>).</exception>
    public ResponsePolicy WithEscalation(EscalationSettings escalation)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        return With(copy => copy.Escalation = escalation);
    }

    /// <summary>A copy of this policy with another severity-suggestion matrix.</summary>
    /// <param name="matrix">The new matrix.</param>
    /// <returns>The validated copy.</returns>
    /// <exception cref="PolicyValidationException">A rule names a severity the policy does not have (path
    /// <c>$.severitySuggestion[i].severity</c>).</exception>
    public ResponsePolicy WithSeverityMatrix(SeverityMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return With(copy => copy.SeverityMatrix = matrix);
    }

    /// <summary>Suggests a severity for an incident from its impact figures and flags; see
    /// <see cref="SeverityMatrix.Suggest"/>.</summary>
    /// <param name="facts">The incident's facts; only <see cref="IncidentFacts.Impacts"/> and
    /// <see cref="IncidentFacts.Flags"/> are read.</param>
    /// <returns>The most severe matching level with the rules that matched it; a <see langword="null"/> severity when
    /// no rule matches.</returns>
    public SeveritySuggestion SuggestSeverity(IncidentFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return SeverityMatrix.Suggest(facts.Impacts, facts.Flags, Severities);
    }

    /// <summary>Suggests a severity from impact figures and flags; see <see cref="SeverityMatrix.Suggest"/>.</summary>
    /// <param name="impacts">The latest value of each impact metric, such as <c>paymentFailureRate</c> → 3.5.</param>
    /// <param name="flags">The flags raised, such as <c>checkoutDown</c>.</param>
    /// <returns>The most severe matching level with the rules that matched it; a <see langword="null"/> severity when
    /// no rule matches.</returns>
    public SeveritySuggestion SuggestSeverity(IReadOnlyDictionary<string, decimal> impacts, IEnumerable<string> flags) =>
        SeverityMatrix.Suggest(impacts, flags, Severities);

    private void ValidateEscalationReferences(ProblemList problems)
    {
        var roles = Roles.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        void CheckCondition(Condition condition, string path) =>
            condition.Walk(path, (leafPath, leaf) =>
            {
                if (leaf is SeverityAtLeastCondition s && !Severities.TryGet(s.SeverityId, out _))
                {
                    problems.Add(leafPath, UnknownSeverityReason(s.SeverityId, Severities.Select(l => l.Id)));
                }
            });
        void CheckTarget(EscalationTarget target, string path)
        {
            if (target.Kind == EscalationTargetKind.Role && !roles.Contains(target.Id))
            {
                problems.Add(ProblemList.Join(path, "id"), UnknownRoleReason(target.Id, roles));
            }
            else if (target.Kind == EscalationTargetKind.Schedule && FindSchedule(target.Id) is null)
            {
                problems.Add(
                    ProblemList.Join(path, "id"),
                    $"unknown schedule '{target.Id}'; the policy's schedules are: {(Schedules.Count == 0 ? "(none)" : string.Join(", ", Schedules.Select(s => s.Id)))}");
            }
        }

        for (var i = 0; i < Escalation.Policies.Count; i++)
        {
            var policy = Escalation.Policies[i];
            var path = $"$.escalation.policies[{i}]";
            CheckCondition(policy.AppliesTo, path + ".appliesTo");
            for (var j = 0; j < policy.Levels.Count; j++)
            {
                for (var k = 0; k < policy.Levels[j].Targets.Count; k++)
                {
                    CheckTarget(policy.Levels[j].Targets[k], $"{path}.levels[{j}].targets[{k}]");
                }
            }
        }

        for (var i = 0; i < Escalation.Rules.Count; i++)
        {
            CheckCondition(Escalation.Rules[i].When, $"$.escalation.rules[{i}].when");
            CheckTarget(Escalation.Rules[i].Target, $"$.escalation.rules[{i}].target");
        }

        for (var i = 0; i < SeverityMatrix.Rules.Count; i++)
        {
            if (!Severities.TryGet(SeverityMatrix.Rules[i].SeverityId, out _))
            {
                problems.Add($"$.severitySuggestion[{i}].severity", UnknownSeverityReason(SeverityMatrix.Rules[i].SeverityId, Severities.Select(l => l.Id)));
            }
        }
    }

    /// <summary>The reason for a severity id the scale lacks; <paramref name="severityIds"/> most severe first.</summary>
    internal static string UnknownSeverityReason(string id, IEnumerable<string> severityIds) =>
        $"unknown severity '{id}'; the policy's severities are: {string.Join(", ", severityIds)}";

    internal static string UnknownRoleReason(string id, IEnumerable<string> roles) =>
        $"unknown role '{id}'; the policy's roles are: {string.Join(", ", roles.Order(StringComparer.Ordinal))}";
}
