namespace IncidentPolicy.Testing;

/// <summary>A <see cref="PolicyScenario"/> expectation failed. The message says what was expected, what
/// <see cref="Obligations.PolicyEvaluation.Evaluate"/> answered, and shows the scenario's timeline and obligations.</summary>
/// <remarks>Any test runner reports it as a failure; no runner is referenced.</remarks>
public sealed class PolicyAssertionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PolicyAssertionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed, with the timeline.</param>
    public PolicyAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What failed, with the timeline.</param>
    /// <param name="innerException">The cause.</param>
    public PolicyAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
