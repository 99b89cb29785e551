using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.Tests.Lifecycle;

public class LifecycleDiagramTests
{
    [Fact]
    public void Mermaid_MainPathWithGuards()
    {
        var mermaid = LifecycleDiagram.Mermaid();
        Assert.StartsWith("stateDiagram-v2\n    [*] --> triggered : raiseAlert\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    triggered --> acknowledged : acknowledge [commander.separateFromOnCall]\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    investigating --> resolved : resolve [commander.required, resolve.byCommander]\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    resolved --> investigating : reopen [reopen.window]\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    resolved --> closed : close [close.postMortemFirst]\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    postMortem --> closed : close [close.postMortemWithActionItems]\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    declined --> declined : addNote, recordNotification, recordReminder\n", mermaid, StringComparison.Ordinal);
        Assert.EndsWith("    merged --> [*]", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Mermaid_EveryTableTransitionAppears()
    {
        var mermaid = LifecycleDiagram.Mermaid();
        foreach (var transition in LifecycleTable.Transitions)
        {
            Assert.Contains(HumanText.CamelCase(transition.Command), mermaid, StringComparison.Ordinal);
            foreach (var guard in transition.Guards)
            {
                Assert.Contains(guard.RuleId, mermaid, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Dot_IsDigraphWithLabelledEdges()
    {
        var dot = LifecycleDiagram.Dot();
        Assert.StartsWith("digraph lifecycle {", dot, StringComparison.Ordinal);
        Assert.Contains("    start -> triggered [label=\"raiseAlert\"];", dot, StringComparison.Ordinal);
        Assert.Contains("    mitigated -> resolved [label=\"resolve [commander.required, resolve.byCommander]\"];", dot, StringComparison.Ordinal);
        Assert.EndsWith("}", dot, StringComparison.Ordinal);
        Assert.Equal(dot, LifecycleDiagram.Dot());
    }

    [Fact]
    public void Readme_ShowsCurrentDiagram()
    {
        var readme = File.ReadAllText(Support.RepositoryRoot.File("README.md"));
        Assert.True(
            readme.Contains("```mermaid\n" + LifecycleDiagram.Mermaid() + "\n```", StringComparison.Ordinal),
            "README.md's lifecycle diagram is out of date: paste `dotnet run --project src/IncidentPolicy.Cli -- diagram`");
    }
}
