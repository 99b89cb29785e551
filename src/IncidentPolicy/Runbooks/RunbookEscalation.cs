using IncidentPolicy.Escalation;

namespace IncidentPolicy.Runbooks;

/// <summary>
/// An escalation line of a runbook: the words on-call reads ("If not resolved in 30 min: Page engineering manager")
/// and the conditional <see cref="EscalationRule"/> that makes it executable.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RunbookEscalation
{
    /// <summary>Creates the line.</summary>
    /// <param name="text">The line as the runbook shows it.</param>
    /// <param name="rule">The rule it stands for.</param>
    /// <exception cref="ArgumentException"><paramref name="text"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public RunbookEscalation(string text, EscalationRule rule)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentNullException.ThrowIfNull(rule);
        Text = text;
        Rule = rule;
    }

    /// <summary>The line as the runbook shows it.</summary>
    public string Text { get; }

    /// <summary>The rule the line stands for.</summary>
    public EscalationRule Rule { get; }
}
