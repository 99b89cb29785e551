using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>Holds when every one of its <see cref="Conditions"/> holds. JSON: <c>{"all": [ … ]}</c>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class AllCondition : Condition
{
    private readonly bool _dependsOnTime;

    // The parts as an array: evaluating them is on the obligations engine's path, and indexing the read-only list
    // would cost an interface call per part.
    private readonly Condition[] _parts;

    /// <summary>Creates the condition.</summary>
    /// <param name="conditions">At least one condition.</param>
    /// <exception cref="ArgumentNullException"><paramref name="conditions"/> or one of them is null.</exception>
    /// <exception cref="PolicyValidationException">The list is empty, or the condition would nest deeper than
    /// <see cref="Limits.MaxConditionDepth"/> (path <c>all</c>).</exception>
    public AllCondition(params IEnumerable<Condition> conditions)
    {
        Conditions = CompositeConditions.Copy(conditions, "all");
        _parts = [.. Conditions];
        Depth = CompositeConditions.DepthOf(_parts);
        _dependsOnTime = Conditions.Any(c => c.DependsOnTime);
    }

    /// <summary>The conditions that must all hold, in the order given.</summary>
    public IReadOnlyList<Condition> Conditions { get; }

    /// <summary>The parts joined by <c>and</c>: <c>severity is SEV-2 or more severe and 30 minutes since the alert</c>.</summary>
    /// <returns>The description.</returns>
    public override string Describe() => string.Join(" and ", Conditions.Select(c => c.DescribeAsPart()));

    internal override string KindName => "all";

    internal override int Depth { get; }

    internal override bool DependsOnTime => _dependsOnTime;

    internal override bool Holds(in FactValues facts, Instant at)
    {
        for (var i = 0; i < _parts.Length; i++)
        {
            if (!_parts[i].Holds(facts, at))
            {
                return false;
            }
        }

        return true;
    }

    internal override void AddThresholds(in FactValues facts, Instant after, ref Thresholds thresholds)
    {
        for (var i = 0; i < _parts.Length; i++)
        {
            _parts[i].AddThresholds(facts, after, ref thresholds);
        }
    }

    internal override void Walk(string path, Action<string, Condition> visit)
    {
        for (var i = 0; i < Conditions.Count; i++)
        {
            Conditions[i].Walk(ProblemList.Index(ProblemList.Join(path, KindName), i), visit);
        }
    }

    internal override string DescribeAsPart() => Conditions.Count == 1 ? Describe() : $"({Describe()})";
}
