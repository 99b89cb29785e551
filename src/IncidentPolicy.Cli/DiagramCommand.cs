using System.CommandLine;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Cli;

/// <summary><c>diagram [--format mermaid|dot]</c>: the lifecycle state machine with its guards.</summary>
internal static class DiagramCommand
{
    public static Command Create(TextWriter stdout)
    {
        var format = new Option<string>("--format") { Description = "mermaid (stateDiagram-v2) or dot (Graphviz).", DefaultValueFactory = _ => "mermaid" };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var command = new Command("diagram", "Print the incident lifecycle as a diagram, guards labelled.") { format };
        command.SetAction(parseResult =>
        {
            stdout.WriteLine(parseResult.GetValue(format) == "dot" ? LifecycleDiagram.Dot() : LifecycleDiagram.Mermaid());
            return ExitCodes.Success;
        });
        return command;
    }
}
