namespace IncidentPolicy.Escalation;

/// <summary>
/// A conditional escalation from the runbook: when <see cref="When"/> holds, <see cref="Action"/>
/// <see cref="Target"/> — "If not resolved in 30 min: page engineering manager".
/// </summary>
/// <remarks>
/// <para>JSON: <c>{"id": "page-engineering-manager", "when": { … }, "action": "page", "target": {"kind": "role",
/// "id": "engineering-manager"}}</c>.</para>
/// <para>Intended reading for the obligations engine: each time <see cref="When"/> starts to hold (it holds at the
/// alert, or changes from not holding to holding), one notification of <see cref="Target"/> is owed, due at that
/// instant, keyed <c>escalate:ID#n</c>; <see cref="Condition.NextChange"/> says when that may next happen.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class EscalationRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="id">Lower-case kebab id, unique among the policy's rules and escalation policies, such as
    /// <c>page-engineering-manager</c>; it qualifies the obligation keys.</param>
    /// <param name="when">When the rule applies.</param>
    /// <param name="action">Page or notify.</param>
    /// <param name="target">Who.</param>
    /// <exception cref="ArgumentNullException"><paramref name="when"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="PolicyValidationException">The id is not lower-case kebab form (path <c>id</c>) or the action
    /// is undefined (path <c>action</c>).</exception>
    public EscalationRule(string id, Condition when, EscalationAction action, EscalationTarget target)
    {
        ArgumentNullException.ThrowIfNull(when);
        ArgumentNullException.ThrowIfNull(target);
        var problems = new ProblemList();
        Validate(id, action, problems, "");
        problems.ThrowIfAny();
        Id = id;
        When = when;
        Action = action;
        Target = target;
    }

    /// <summary>The rule's id, such as <c>page-engineering-manager</c>.</summary>
    public string Id { get; }

    /// <summary>When the rule applies.</summary>
    public Condition When { get; }

    /// <summary>Page or notify.</summary>
    public EscalationAction Action { get; }

    /// <summary>Who is paged or notified.</summary>
    public EscalationTarget Target { get; }

    /// <summary>The rule in words: <c>page role engineering-manager when severity is SEV-2 or more severe and …</c>.</summary>
    /// <returns>The description.</returns>
    public string Describe() => $"{HumanText.CamelCase(Action)} {Target} when {When.Describe()}";

    /// <summary>The id and description: <c>page-engineering-manager: page role engineering-manager when …</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Id}: {Describe()}";

    internal static void Validate(string? id, EscalationAction? action, ProblemList problems, string path)
    {
        EscalationIds.Check(id, "a rule", problems, ProblemList.Join(path, "id"));
        if (action is { } a && !Enum.IsDefined(a))
        {
            problems.Add(ProblemList.Join(path, "action"), $"{(int)a} is not an action");
        }
    }
}
