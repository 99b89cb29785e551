namespace IncidentPolicy.Escalation;

/// <summary>Shared checks of <see cref="AllCondition"/> and <see cref="AnyCondition"/>.</summary>
internal static class CompositeConditions
{
    public static IReadOnlyList<Condition> Copy(IEnumerable<Condition> conditions, string kind)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var list = conditions.ToList();
        if (list.Any(c => c is null))
        {
            throw new ArgumentNullException(nameof(conditions), "A condition is null.");
        }

        var problems = new ProblemList();
        Validate(list.Count, problems, kind);
        Condition.CheckDepth(DepthOf(list), problems, kind);
        problems.ThrowIfAny();
        return list.AsReadOnly();
    }

    /// <summary>The depth of a composite of <paramref name="parts"/>: one more than the deepest part.</summary>
    public static int DepthOf(IReadOnlyList<Condition> parts) => 1 + (parts.Count == 0 ? 0 : parts.Max(c => c.Depth));

    public static void Validate(int count, ProblemList problems, string path)
    {
        if (count == 0)
        {
            problems.AddMissing(path, "at least one condition is required; an empty list would hold always or never, which is surely a mistake");
        }
    }
}
