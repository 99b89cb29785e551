using System.Text;
using Stateless.Reflection;

namespace IncidentPolicy.Lifecycle;

/// <summary>
/// The lifecycle as a diagram, read from the configured state machine: Mermaid <c>stateDiagram-v2</c> for Markdown
/// (GitHub renders it) and Graphviz DOT. Transitions that change the state are drawn one by one with their guards in
/// brackets; commands that keep the state are listed on one loop per state.
/// </summary>
/// <remarks>Pure and thread-safe; the output is deterministic.</remarks>
public static class LifecycleDiagram
{
    /// <summary>The lifecycle as Mermaid <c>stateDiagram-v2</c>, without a trailing line break.</summary>
    /// <returns>The diagram text.</returns>
    public static string Mermaid()
    {
        var text = new StringBuilder("stateDiagram-v2\n");
        foreach (var (from, to, label) in Edges())
        {
            text.Append("    ").Append(from == LifecycleState.Start ? "[*]" : Name(from))
                .Append(" --> ").Append(Name(to)).Append(" : ").Append(label.Replace(":", "#58;", StringComparison.Ordinal)).Append('\n');
        }

        foreach (var state in Terminal)
        {
            text.Append("    ").Append(Name(state)).Append(" --> [*]\n");
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>The lifecycle as a Graphviz DOT digraph, without a trailing line break.</summary>
    /// <returns>The diagram text.</returns>
    public static string Dot()
    {
        var text = new StringBuilder("digraph lifecycle {\n    rankdir=LR;\n    node [shape=Mrecord, fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\", fontsize=10];\n    start [shape=point];\n");
        foreach (var (from, to, label) in Edges())
        {
            text.Append("    ").Append(from == LifecycleState.Start ? "start" : Name(from))
                .Append(" -> ").Append(Name(to)).Append(" [label=\"").Append(label.Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"];\n");
        }

        return text.Append('}').ToString();
    }

    private static readonly LifecycleState[] Terminal = [LifecycleState.Closed, LifecycleState.Declined, LifecycleState.Merged];

    private static IEnumerable<(LifecycleState From, LifecycleState To, string Label)> Edges()
    {
        var info = LifecycleMachine.Configured.GetInfo();
        foreach (var state in info.States.OrderBy(s => (LifecycleState)s.UnderlyingState))
        {
            var from = (LifecycleState)state.UnderlyingState;
            var transitions = state.FixedTransitions.OrderBy(t => (CommandKind)t.Trigger.UnderlyingTrigger).ToList();
            foreach (var transition in transitions.Where(t => !Equals(t.DestinationState.UnderlyingState, from)))
            {
                yield return (from, (LifecycleState)transition.DestinationState.UnderlyingState, Label(transition));
            }

            var loops = transitions.Where(t => Equals(t.DestinationState.UnderlyingState, from)).Select(Label).ToList();
            if (loops.Count > 0)
            {
                yield return (from, from, string.Join(", ", loops));
            }
        }
    }

    private static string Label(FixedTransitionInfo transition)
    {
        var guards = transition.GuardConditionsMethodDescriptions.Select(g => g.Description).ToList();
        var command = HumanText.CamelCase((CommandKind)transition.Trigger.UnderlyingTrigger);
        return guards.Count == 0 ? command : $"{command} [{string.Join(", ", guards)}]";
    }

    private static string Name(LifecycleState state) => HumanText.CamelCase(state);
}
