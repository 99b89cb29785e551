using NodaTime;

namespace IncidentPolicy.Escalation;

/// <summary>Holds while <see cref="Flag"/> is raised on the incident. JSON: <c>{"flagRaised": "dataBreachSuspected"}</c>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class FlagRaisedCondition : Condition
{
    /// <summary>Creates the condition.</summary>
    /// <param name="flag">A flag, such as <c>dataBreachSuspected</c>; compared ordinally.</param>
    /// <exception cref="PolicyValidationException">The flag is blank, or not an id <see cref="Limits"/> allows (path <c>flagRaised</c>).</exception>
    public FlagRaisedCondition(string flag)
    {
        Flag = ConditionNames.Require(flag, "a flag", "flagRaised");
    }

    /// <summary>The flag.</summary>
    public string Flag { get; }

    /// <summary>In words: <c>flag dataBreachSuspected is raised</c>.</summary>
    /// <returns>The description.</returns>
    public override string Describe() => $"flag {Flag} is raised";

    internal override string KindName => "flagRaised";

    internal override bool Holds(in FactValues facts, Instant at) => facts.Flags.Contains(Flag);
}
