using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>Holds while the incident's severity is <see cref="SeverityId"/> or more severe (lower rank). JSON:
/// <c>{"severityAtLeast": "SEV-2"}</c>.</summary>
/// <remarks>
/// <para>An incident without a severity, or facts whose scale has no level <see cref="SeverityId"/>, do not
/// satisfy it; a policy rejects a condition that names a severity it does not have.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
internal sealed class SeverityAtLeastCondition : Condition
{
    /// <summary>Creates the condition.</summary>
    /// <param name="severityId">A severity id such as <c>SEV-2</c>.</param>
    /// <exception cref="PolicyValidationException">The id is blank (path <c>severityAtLeast</c>).</exception>
    public SeverityAtLeastCondition(string severityId)
    {
        var problems = new ProblemList();
        Validate(severityId, problems, "severityAtLeast");
        problems.ThrowIfAny();
        SeverityId = severityId;
    }

    /// <summary>The least severe level that satisfies the condition.</summary>
    public string SeverityId { get; }

    /// <summary>In words: <c>severity is SEV-2 or more severe</c>.</summary>
    /// <returns>The description.</returns>
    public override string Describe() => $"severity is {SeverityId} or more severe";

    internal override string KindName => "severityAtLeast";

    internal override bool Holds(in FactValues facts, Instant at)
    {
        if (facts.Severity is not { } severity)
        {
            return false;
        }

        // The threshold's rank in the last scale asked about, cached (one reference write, so threads never see a
        // torn pair): the obligations engine asks with the same scale at every fact change.
        var resolved = _resolved;
        if (!ReferenceEquals(resolved?.Scale, facts.Severities))
        {
            resolved = new ResolvedThreshold(facts.Severities, facts.Severities.TryGet(SeverityId, out var threshold) ? threshold.Rank : 0);
            _resolved = resolved;
        }

        return resolved!.Rank > 0 && severity.Rank <= resolved.Rank;
    }

    private ResolvedThreshold? _resolved;

    private sealed record ResolvedThreshold(Severities.SeverityScale Scale, int Rank);

    internal static void Validate(string? severityId, ProblemList problems, string path)
    {
        if (string.IsNullOrWhiteSpace(severityId))
        {
            problems.AddMissing(path, "a severity id is required, like SEV-2");
        }
        else
        {
            problems.CheckText(severityId, StorableText.Shape.Id, "the severity id", path);
        }
    }
}
