using Stateless;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// The Stateless machine that executes <see cref="LifecycleTable"/>. One machine is configured once and shared:
/// it fires in <see cref="FiringMode.Immediate"/> with its state held per thread (in the thread's current
/// <see cref="StepContext"/>), every state is configured up front, and unhandled triggers — no transition, or a
/// guard that does not hold — are answered through <c>OnUnhandledTrigger</c>, never through Stateless's exceptions,
/// whose wording must not reach users.
/// </summary>
/// <remarks>A machine built per command would cost several microseconds and kilobytes; see benchmarks/README.md.</remarks>
internal static class LifecycleMachine
{
    [ThreadStatic]
    private static StepContext? t_context;

    private static readonly StateMachine<LifecycleState, CommandKind> Machine = Build(
        // Stateless reads the state while it is being built, before any context exists.
        () => t_context?.State ?? LifecycleState.Start,
        state =>
        {
            if (t_context is { } context)
            {
                context.State = state;
            }
        },
        FiringMode.Immediate,
        Evaluate);

    /// <summary>The configured machine, for diagrams.</summary>
    public static StateMachine<LifecycleState, CommandKind> Configured => Machine;

    /// <summary>
    /// Fires the event's command for <paramref name="context"/>. On return, either <c>context.State</c> is the new
    /// state, or <c>context.Unhandled</c> is set with the failed guard (if any) and its reason.
    /// </summary>
    public static void Fire(StepContext context)
    {
        var outer = t_context;
        t_context = context;
        try
        {
            Machine.Fire(context.Event.Kind);
        }
        finally
        {
            t_context = outer;
        }
    }

    /// <summary>Configures a machine over <paramref name="accessor"/> and <paramref name="mutator"/> from the table.</summary>
    internal static StateMachine<LifecycleState, CommandKind> Build(
        Func<LifecycleState> accessor,
        Action<LifecycleState> mutator,
        FiringMode mode,
        Func<Guard, bool> evaluate)
    {
        var machine = new StateMachine<LifecycleState, CommandKind>(accessor, mutator, mode);
        foreach (var state in Enum.GetValues<LifecycleState>())
        {
            var configuration = machine.Configure(state);
            foreach (var transition in LifecycleTable.Transitions.Where(t => t.From == state))
            {
                var guards = transition.Guards
                    .Select(g => Tuple.Create<Func<bool>, string>(() => evaluate(g), g.RuleId))
                    .ToArray();
                if (transition.To == state)
                {
                    configuration.PermitReentryIf(transition.Command, guards);
                }
                else
                {
                    configuration.PermitIf(transition.Command, transition.To, guards);
                }
            }
        }

        machine.OnUnhandledTrigger((_, _, _) => t_context!.Unhandled = true);
        return machine;
    }

    private static bool Evaluate(Guard guard)
    {
        var context = t_context!;
        if (guard.NeedsActorRoles && context.Mode == StepMode.Strict)
        {
            return true;
        }

        var reason = guard.Check(context);
        if (reason is null)
        {
            return true;
        }

        if (context.Mode == StepMode.Lenient)
        {
            context.AddViolation(guard.RuleId, reason);
            return true;
        }

        if (context.FailedGuard is null)
        {
            context.FailedGuard = guard;
            context.FailedReason = reason;
        }

        return false;
    }
}
