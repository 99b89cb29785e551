namespace IncidentPolicy.Lifecycle;

/// <summary>How strictly an event is checked.</summary>
internal enum StepMode
{
    /// <summary>A command through <c>Apply</c>: every check, including the actor's organisation roles.</summary>
    Live,

    /// <summary>A strict replay: every check that the log can answer; the actor's organisation roles are unknown.</summary>
    Strict,

    /// <summary>A lenient replay for an audit: nothing is rejected; broken rules become violations.</summary>
    Lenient,
}

/// <summary>What the state machine's guards see while one event is checked, and what they found.</summary>
internal sealed class StepContext
{
    public StepContext(Incident before, IncidentEvent @event, Actor? actor, StepMode mode, int index, List<Violation>? violations)
    {
        Before = before;
        Event = @event;
        Actor = actor;
        Mode = mode;
        Index = index;
        Violations = violations;
        State = before.State;
    }

    public Incident Before { get; }

    public IncidentEvent Event { get; }

    public Actor? Actor { get; }

    public StepMode Mode { get; }

    public int Index { get; }

    public List<Violation>? Violations { get; }

    /// <summary>The machine's state: read and written by the machine through its accessor and mutator.</summary>
    public LifecycleState State { get; set; }

    public bool Unhandled { get; set; }

    public Guard? FailedGuard { get; set; }

    public string? FailedReason { get; set; }

    /// <summary>The roles the event's actor is known to hold: organisation roles when the actor is known, and the
    /// roles the incident gave them.</summary>
    public IEnumerable<string> ActorRoles =>
        (Actor?.Roles ?? []).Concat(Before.IncidentRolesOf(Event.By));

    public void AddViolation(string ruleId, string reason)
    {
        if (Violations is not null && !Violations.Any(v => v.EventIndex == Index && v.RuleId == ruleId))
        {
            Violations.Add(new Violation(ruleId, Index, reason));
        }
    }
}
