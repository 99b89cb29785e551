using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>Holds when its <see cref="Condition"/> does not. JSON: <c>{"not": { … }}</c>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class NotCondition : Condition
{
    /// <summary>Creates the condition.</summary>
    /// <param name="condition">The condition to negate.</param>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    /// <exception cref="PolicyValidationException">The condition would nest deeper than
    /// <see cref="Limits.MaxConditionDepth"/> (path <c>not</c>).</exception>
    public NotCondition(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var problems = new ProblemList();
        Depth = Condition.CheckDepth(condition.Depth + 1, problems, "not");
        problems.ThrowIfAny();
        Condition = condition;
    }

    /// <summary>The negated condition.</summary>
    public Condition Condition { get; }

    /// <summary>The negation in words: <c>status is not one of resolved, closed</c>, <c>flag restricted is not raised</c>, <c>performanceDegradation is not below 20</c>,
    /// or <c>not (…)</c>.</summary>
    /// <returns>The description.</returns>
    public override string Describe() => Condition switch
    {
        StatusInCondition status => status.Describe(negated: true),
        FlagRaisedCondition flag => $"flag {flag.Flag} is not raised",
        ImpactAboveCondition above => above.Describe().Replace(" is above ", " is not above ", StringComparison.Ordinal),
        ImpactBelowCondition below => below.Describe().Replace(" is below ", " is not below ", StringComparison.Ordinal),
        _ => "not " + Condition.DescribeAsPart(),
    };

    internal override string KindName => "not";

    internal override int Depth { get; }

    internal override bool DependsOnTime => Condition.DependsOnTime;

    internal override bool Holds(in FactValues facts, Instant at) => !Condition.Holds(facts, at);

    internal override void AddThresholds(in FactValues facts, Instant after, ref Thresholds thresholds) =>
        Condition.AddThresholds(facts, after, ref thresholds);

    internal override void Walk(string path, Action<string, Condition> visit) =>
        Condition.Walk(ProblemList.Join(path, KindName), visit);
}
