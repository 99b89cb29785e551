using System.Text.Json.Nodes;

namespace IncidentPolicy.Cli.Tests;

public class LifecycleCommandsTests
{
    [Fact]
    public void Diagram_DefaultMermaid()
    {
        var (code, stdout, _) = CliRunner.Run("diagram");
        Assert.Equal(0, code);
        Assert.StartsWith("stateDiagram-v2\n    [*] --> triggered : raiseAlert\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagram_Dot()
    {
        var (code, stdout, _) = CliRunner.Run("diagram", "--format", "dot");
        Assert.Equal(0, code);
        Assert.StartsWith("digraph lifecycle {", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagram_UnknownFormat_Exits2()
    {
        var (code, _, stderr) = CliRunner.Run("diagram", "--format", "svg");
        Assert.Equal(2, code);
        Assert.Contains("Usage:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_SeedTimeline_Text()
    {
        var (code, stdout, stderr) = CliRunner.Run("replay", CliRunner.SeedTimeline());
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Equal(
            [
                "incident   INC-2026-05-29-checkout  #inc-2026-05-29-checkout-errors",
                "status     resolved (version 13, last event 2026-05-29T04:47:00Z)",
                "severity   SEV-1  \"checkout errors\"",
                "commander  sarah",
                "roles      -",
                "impacts    failedCheckouts 2340, revenueLoss 47000 USD",
                "flags      -",
                "violations none",
            ],
            stdout.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Replay_SeedTimeline_Json()
    {
        var (code, stdout, _) = CliRunner.Run("replay", CliRunner.SeedTimeline(), "--format", "json");
        Assert.Equal(0, code);
        var tree = JsonNode.Parse(stdout)!;
        Assert.Equal("resolved", (string)tree["status"]!);
        Assert.Equal(13, (int)tree["version"]!);
        Assert.Equal("sarah", (string)tree["commander"]!);
        Assert.Equal(47000m, (decimal)tree["impacts"]![1]!["value"]!);
        Assert.Empty(tree["violations"]!.AsArray());
        Assert.Null(tree["closedAt"]);
    }

    [Fact]
    public void Replay_BrokenRules_ListsViolationsAndExits1()
    {
        var path = CliRunner.TempFile(
            """
            {"type":"alertFired","at":"2026-05-29T04:02:00Z","by":"monitoring","summary":"x"}
            {"type":"declared","at":"2026-05-29T04:12:00Z","by":"alex","severity":"SEV-1","title":"checkout errors"}
            {"type":"resolved","at":"2026-05-29T04:47:00Z","by":"alex"}
            """);
        var (code, stdout, _) = CliRunner.Run("replay", path);
        Assert.Equal(1, code);
        Assert.Contains("violations 1\n  #2 commander.required: SEV-1 requires an Incident Commander: assign one before resolving.\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_MalformedLog_Exits1WithIndexAndLine()
    {
        var path = CliRunner.TempFile("{\"type\":\"alertFired\",\"at\":\"2026-05-29T04:02:00Z\",\"by\":\"m\",\"summary\":\"x\"}\n{\"type\":\"acknowledged\",\"at\":\"2026-05-29T04:0");
        var (code, stdout, stderr) = CliRunner.Run("replay", path);
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.StartsWith($"{path}: event 1 (line 2)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_MissingFile_Exits1()
    {
        var (code, _, stderr) = CliRunner.Run("replay", "/nonexistent/timeline.json");
        Assert.Equal(1, code);
        Assert.StartsWith("/nonexistent/timeline.json: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_NoTimeline_Exits2() =>
        Assert.Equal(2, CliRunner.Run("replay").ExitCode);
}
