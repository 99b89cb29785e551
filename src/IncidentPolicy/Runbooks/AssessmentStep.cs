namespace IncidentPolicy.Runbooks;

/// <summary>
/// One quick-assessment step of a runbook: what to check, and what to do if the check finds something —
/// "Check deployment log: did we deploy in the last 2 hours? → If yes: rollback first, investigate later".
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record AssessmentStep
{
    /// <summary>Creates the step.</summary>
    /// <param name="check">What to check, such as <c>Check deployment log: did we deploy in the last 2 hours?</c>.</param>
    /// <param name="condition">When to act, without the leading "If", such as <c>yes</c>.</param>
    /// <param name="action">What to do then, such as <c>rollback first, investigate later</c>.</param>
    /// <exception cref="ArgumentException">A text is null, empty or white space.</exception>
    public AssessmentStep(string check, string condition, string action)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(check);
        ArgumentException.ThrowIfNullOrWhiteSpace(condition);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        Check = check;
        Condition = condition;
        Action = action;
    }

    /// <summary>What to check.</summary>
    public string Check { get; }

    /// <summary>When to act, without the leading "If".</summary>
    public string Condition { get; }

    /// <summary>What to do when <see cref="Condition"/> holds.</summary>
    public string Action { get; }
}
