namespace IncidentPolicy.Escalation;

/// <summary>
/// One row of the <see cref="SeverityMatrix"/>: when <see cref="When"/> holds for an incident's impact figures and
/// flags, suggest <see cref="SeverityId"/> — "payment failures &gt; 2% → SEV-2".
/// </summary>
/// <remarks>
/// <para>JSON: <c>{"id": "payment-failures", "when": {"impactAbove": {"metric": "paymentFailureRate", "value": 2}},
/// "severity": "SEV-2"}</c>.</para>
/// <para>A severity is suggested from impact facts alone, so <see cref="When"/> may use only <c>impactAbove</c>,
/// <c>impactBelow</c>, <c>flagRaised</c>, <c>all</c>, <c>any</c> and <c>not</c>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class SeverityRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="id">Lower-case kebab id, unique in the matrix, such as <c>checkout-down</c>.</param>
    /// <param name="when">When the rule matches; impact and flag conditions only.</param>
    /// <param name="severityId">The severity suggested, such as <c>SEV-1</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="when"/> is null.</exception>
    /// <exception cref="PolicyValidationException">The id is not lower-case kebab form (path <c>id</c>), the severity is
    /// blank (path <c>severity</c>), or the condition uses another kind (path such as <c>when.all[1].elapsedSince</c>).</exception>
    public SeverityRule(string id, Condition when, string severityId)
    {
        ArgumentNullException.ThrowIfNull(when);
        var problems = new ProblemList();
        Validate(id, severityId, problems, "");
        CheckConditionKinds(when, problems, "when");
        problems.ThrowIfAny();
        Id = id;
        When = when;
        SeverityId = severityId;
    }

    /// <summary>The rule's id, such as <c>checkout-down</c>.</summary>
    public string Id { get; }

    /// <summary>When the rule matches.</summary>
    public Condition When { get; }

    /// <summary>The severity suggested, such as <c>SEV-1</c>.</summary>
    public string SeverityId { get; }

    /// <summary>The rule in words: <c>checkout-down: SEV-1 when flag checkoutDown is raised</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Id}: {SeverityId} when {When.Describe()}";

    internal static void Validate(string? id, string? severityId, ProblemList problems, string path)
    {
        EscalationIds.Check(id, "a severity rule", problems, ProblemList.Join(path, "id"));
        if (string.IsNullOrWhiteSpace(severityId))
        {
            problems.AddMissing(ProblemList.Join(path, "severity"), "a severity id is required, like SEV-2");
        }
        else
        {
            problems.CheckText(severityId, StorableText.Shape.Id, "the severity id", ProblemList.Join(path, "severity"));
        }
    }

    /// <summary>Reports every leaf of <paramref name="when"/> (at <paramref name="path"/>) that is not an impact or flag condition.</summary>
    internal static void CheckConditionKinds(Condition when, ProblemList problems, string path) =>
        when.Walk(path, (leafPath, leaf) =>
        {
            if (leaf is not (ImpactAboveCondition or ImpactBelowCondition or FlagRaisedCondition))
            {
                problems.Add(leafPath, UnsuitableKindReason(leaf.KindName));
            }
        });

    internal static string UnsuitableKindReason(string kind) =>
        $"a severity rule may use only impactAbove, impactBelow, flagRaised, all, any and not, since a severity is suggested from impact facts alone; not {kind}";
}
