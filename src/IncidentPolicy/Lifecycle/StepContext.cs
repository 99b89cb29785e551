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

/// <summary>
/// What the state machine's guards see while one event is checked, and what they found. One instance per thread is
/// reused (see <see cref="Rent"/>), so checking a command allocates no context; it is cleared after each use so it
/// does not keep incidents alive.
/// </summary>
internal sealed class StepContext
{
    [ThreadStatic]
    private static StepContext? t_spare;

    private StepContext()
    {
    }

    public Incident Before { get; private set; } = null!;

    public IncidentEvent Event { get; private set; } = null!;

    public Actor? Actor { get; private set; }

    public StepMode Mode { get; private set; }

    public int Index { get; private set; }

    public List<Violation>? Violations { get; private set; }

    /// <summary>The machine's state: read and written by the machine through its accessor and mutator.</summary>
    public LifecycleState State { get; set; }

    public bool Unhandled { get; set; }

    public Guard? FailedGuard { get; set; }

    public string? FailedReason { get; set; }

    /// <summary>The roles the event's actor is known to hold: organisation roles when the actor is known, and the
    /// roles the incident gave them.</summary>
    public IEnumerable<string> ActorRoles =>
        (Actor?.Roles ?? []).Concat(Before.IncidentRolesOf(Event.By));

    /// <summary>This thread's context, set up for one event; give it back with <see cref="Return"/>.</summary>
    public static StepContext Rent(Incident before, IncidentEvent @event, Actor? actor, StepMode mode, int index, List<Violation>? violations)
    {
        var context = t_spare ?? new StepContext();
        t_spare = null;
        context.Before = before;
        context.Event = @event;
        context.Actor = actor;
        context.Mode = mode;
        context.Index = index;
        context.Violations = violations;
        context.State = before.State;
        context.Unhandled = false;
        context.FailedGuard = null;
        context.FailedReason = null;
        return context;
    }

    public void Return()
    {
        Before = null!;
        Event = null!;
        Actor = null;
        Violations = null;
        t_spare = this;
    }

    public void AddViolation(string ruleId, string reason)
    {
        if (Violations is not null && !Violations.Any(v => v.EventIndex == Index && v.RuleId == ruleId))
        {
            Violations.Add(new Violation(ruleId, Index, reason));
        }
    }
}
