using IncidentPolicy.Lifecycle;
using IncidentPolicy.Obligations;
using NodaTime;

namespace IncidentPolicy.Testing;

/// <summary>What <see cref="PolicyProperties"/> reads from an evaluation. The properties take it as a function so
/// their own tests can show each one failing on answers no valid policy gives.</summary>
internal sealed record PolicyAnswer(IReadOnlyList<Obligation> Obligations, Instant? NextWakeUp);

/// <summary>Evaluates an incident at an instant.</summary>
internal delegate PolicyAnswer Evaluator(Incident incident, Instant now);

internal static class EvaluatorExtensions
{
    extension(Evaluator)
    {
        /// <summary>The real answer: <see cref="Obligations.PolicyEvaluation.Evaluate"/> of <paramref name="policy"/>.</summary>
        public static Evaluator Of(ResponsePolicy policy) => (incident, now) =>
        {
            var evaluation = policy.Evaluate(incident, now);
            return new PolicyAnswer(evaluation.Obligations, evaluation.NextWakeUp);
        };
    }
}
