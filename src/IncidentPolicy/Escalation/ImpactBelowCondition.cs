using System.Globalization;
using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>Holds while the latest recorded value of <see cref="Metric"/> is strictly below <see cref="Value"/>.
/// JSON: <c>{"impactBelow": {"metric": "performanceDegradation", "value": 20}}</c>.</summary>
/// <remarks>A metric never recorded does not satisfy it. Immutable and thread-safe.</remarks>
internal sealed class ImpactBelowCondition : Condition
{
    /// <summary>Creates the condition.</summary>
    /// <param name="metric">An impact metric, such as <c>performanceDegradation</c>.</param>
    /// <param name="value">The value to stay under.</param>
    /// <exception cref="PolicyValidationException">The metric is blank, or not an id <see cref="Limits"/> allows (path <c>impactBelow.metric</c>).</exception>
    public ImpactBelowCondition(string metric, decimal value)
    {
        Metric = ConditionNames.Require(metric, "an impact metric", "impactBelow.metric");
        Value = value;
    }

    /// <summary>The impact metric, compared ordinally with recorded metric names.</summary>
    public string Metric { get; }

    /// <summary>The value the metric must stay under.</summary>
    public decimal Value { get; }

    /// <summary>In words: <c>performanceDegradation is below 20</c>.</summary>
    /// <returns>The description.</returns>
    public override string Describe() => $"{Metric} is below {Value.ToString(CultureInfo.InvariantCulture)}";

    internal override string KindName => "impactBelow";

    internal override bool Holds(in FactValues facts, Instant at) =>
        facts.Impacts.TryGetValue(Metric, out var recorded) && recorded < Value;
}
