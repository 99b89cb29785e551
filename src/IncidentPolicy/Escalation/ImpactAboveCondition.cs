using System.Globalization;
using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>Holds while the latest recorded value of <see cref="Metric"/> is strictly above <see cref="Value"/>.
/// JSON: <c>{"impactAbove": {"metric": "revenueLoss", "value": 10000}}</c>.</summary>
/// <remarks>A metric never recorded does not satisfy it. Immutable and thread-safe.</remarks>
internal sealed class ImpactAboveCondition : Condition
{
    /// <summary>Creates the condition.</summary>
    /// <param name="metric">An impact metric, such as <c>revenueLoss</c>.</param>
    /// <param name="value">The value to exceed.</param>
    /// <exception cref="PolicyValidationException">The metric is blank, or not an id <see cref="Limits"/> allows (path <c>impactAbove.metric</c>).</exception>
    public ImpactAboveCondition(string metric, decimal value)
    {
        Metric = ConditionNames.Require(metric, "an impact metric", "impactAbove.metric");
        Value = value;
    }

    /// <summary>The impact metric, compared ordinally with recorded metric names.</summary>
    public string Metric { get; }

    /// <summary>The value the metric must exceed.</summary>
    public decimal Value { get; }

    /// <summary>In words: <c>revenueLoss is above 10000</c>.</summary>
    /// <returns>The description.</returns>
    public override string Describe() => $"{Metric} is above {Value.ToString(CultureInfo.InvariantCulture)}";

    internal override string KindName => "impactAbove";

    internal override bool Holds(in FactValues facts, Instant at) =>
        facts.Impacts.TryGetValue(Metric, out var recorded) && recorded > Value;
}
