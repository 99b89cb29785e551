using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>Holds when at least one of its <see cref="Conditions"/> holds. JSON: <c>{"any": [ … ]}</c>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class AnyCondition : Condition
{
    private readonly bool _dependsOnTime;

    // The parts as an array: evaluating them is on the obligations engine's path, and indexing the read-only list
    // would cost an interface call per part.
    private readonly Condition[] _parts;

    /// <summary>Creates the condition.</summary>
    /// <param name="conditions">At least one condition.</param>
    /// <exception cref="ArgumentNullException"><paramref name="conditions"/> or one of them is null.</exception>
    /// <exception cref="PolicyValidationException">The list is empty, or the condition would nest deeper than
    /// <see cref="Limits.MaxConditionDepth"/> (path <c>any</c>).</exception>
    public AnyCondition(params IEnumerable<Condition> conditions)
    {
        Conditions = CompositeConditions.Copy(conditions, "any");
        _parts = [.. Conditions];
        Depth = CompositeConditions.DepthOf(_parts);
        _dependsOnTime = Conditions.Any(c => c.DependsOnTime);
    }

    /// <summary>The conditions of which one must hold, in the order given.</summary>
    public IReadOnlyList<Condition> Conditions { get; }

    /// <summary>The parts joined by <c>or</c>: <c>flag checkoutDown is raised or flag siteOutage is raised</c>.</summary>
    /// <returns>The description.</returns>
    public override string Describe() => string.Join(" or ", Conditions.Select(c => c.DescribeAsPart()));

    internal override string KindName => "any";

    internal override int Depth { get; }

    internal override bool DependsOnTime => _dependsOnTime;

    internal override bool Holds(in FactValues facts, Instant at)
    {
        for (var i = 0; i < _parts.Length; i++)
        {
            if (_parts[i].Holds(facts, at))
            {
                return true;
            }
        }

        return false;
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
