using System.Text.Json.Nodes;

namespace IncidentPolicy.Cli.Tests;

public class ReportCommandTests
{
    private const string DeclinedLog = """
        {"formatVersion": 1, "incident": "INC-false-alarm", "events": [
          {"type": "alertFired", "at": "2026-05-30T10:00:00Z", "by": "monitoring", "summary": "disk 90%", "service": "db", "severity": null, "policyHash": null},
          {"type": "declined", "at": "2026-05-30T10:03:00Z", "by": "alex", "reason": "false alarm"}
        ]}
        """;

    private static string Folder(params (string Name, string Content)[] files)
    {
        var dir = Path.Combine(Path.GetTempPath(), "incident-policy-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var (name, content) in files)
        {
            File.WriteAllText(Path.Combine(dir, name), content);
        }

        return dir;
    }

    private static string SeedFolder() =>
        Folder(("a.json", File.ReadAllText(CliRunner.SeedTimeline())), ("b.json", DeclinedLog), ("notes.txt", "ignored"));

    [Fact]
    public void Report_SeedAndDeclined_TextCountsTheSeedOnly()
    {
        var (code, stdout, stderr) = CliRunner.Run("report", SeedFolder());

        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.StartsWith("1 incidents, 1 excluded (declined, merged or alerted later), as of 2026-05-30T10:03:00Z\n", stdout, StringComparison.Ordinal);
        Assert.Contains("  SEV-1             1  PT5M       PT20M / PT20M / PT20M           PT45M / PT45M / PT45M\n", stdout, StringComparison.Ordinal);
        Assert.Contains("  acknowledge           100%  1 / 0 / 0\n", stdout, StringComparison.Ordinal);
        Assert.EndsWith("action items 0: done 0, won't do 0, open 0, overdue 0, completion -\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_SeedAndDeclined_JsonShape()
    {
        var (code, stdout, _) = CliRunner.Run("report", SeedFolder(), "--format", "json", "--at", "2026-06-01T00:00Z");

        Assert.Equal(0, code);
        var tree = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(["asOf", "incidents", "excluded", "all", "bySeverity", "onTime", "actionItems"], tree.Select(p => p.Key));
        Assert.Equal("2026-06-01T00:00:00Z", (string)tree["asOf"]!);
        Assert.Equal((1, 1), ((int)tree["incidents"]!, (int)tree["excluded"]!));
        var resolve = tree["bySeverity"]![0]!["timeToResolve"]!.AsObject();
        Assert.Equal(["count", "mean", "median", "p90", "min", "max"], resolve.Select(p => p.Key));
        Assert.Equal("PT45M", (string)resolve["p90"]!);
        var acknowledge = tree["onTime"]!.AsArray().Single(r => (string)r!["kind"]! == "acknowledge")!;
        Assert.Equal(1.0, (double)acknowledge["onTimeRate"]!);
        Assert.Null(tree["actionItems"]!["completionRate"]);
    }

    [Fact]
    public void Report_EmptyFolder_ZeroIncidents()
    {
        var (code, stdout, _) = CliRunner.Run("report", Folder(), "--format", "json");

        Assert.Equal(0, code);
        Assert.Equal(0, (int)JsonNode.Parse(stdout)!["incidents"]!);
    }

    [Fact]
    public void Report_BadInput_Exits1Or2()
    {
        var bad = CliRunner.Run("report", Folder(("x.json", "not json")));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("x.json", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run("report", Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"))).ExitCode);
        Assert.Equal(2, CliRunner.Run("report").ExitCode);
        Assert.Equal(2, CliRunner.Run("report", Folder(), "--format", "xml").ExitCode);
    }
}
